package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.KeycloakDistribution;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin's side in headless Chromium, in Keycloak's real admin console: the README's "Configure it in the admin
 * console" steps done over the admin API (a copy of the browser flow with the Twilio OTP step, bound as the browser
 * flow; the required action switched on), then the flow editor, the step's settings dialog and the required action's
 * settings dialog opened as an admin would, and photographed for the README (docs/screenshots/admin-*.png).
 */
class AdminConsoleIT extends ChromiumITBase {

    static final String FLOW = "browser with Twilio OTP";

    AdminConsoleIT() {
        super("1280,1000");
    }

    @Test
    void adminConsoleShowsTheStepInTheFlowItsSettingsAndTheRequiredActionsSettings() throws IOException {
        String realm = "admin-console-" + UUID.randomUUID().toString().substring(0, 6);
        String flowId = configureAsTheReadmeSays(admin, realm);
        signInToTheAdminConsole(realm);

        driver.get(env.keycloak().baseUrl() + "/admin/master/console/#/" + realm + "/authentication/" + flowId + "/DEFAULT");
        WebElement step = chromium.waitForVisible(By.xpath("//tr[.//*[@data-testid='Twilio OTP']]"));
        assertThat(step.getText()).contains("Required");
        chromium.scrollToMiddle(step);
        chromium.screenshot("admin-flow");

        step.findElement(By.cssSelector("button[aria-label='Settings']")).click();
        WebElement stepDialog = chromium.waitForVisible(By.cssSelector("[role='dialog']"));
        assertThat(stepDialog.getText()).contains("Verify Service SID", "Account SID", "Auth Token", "Channels offered");
        chromium.screenshot("admin-step-settings");

        driver.get(env.keycloak().baseUrl() + "/admin/master/console/#/" + realm + "/authentication/required-actions");
        WebElement action = chromium.waitForVisible(By.xpath("//tr[.//*[normalize-space(text())='Verify phone number']]"));
        action.findElement(By.cssSelector("button[aria-label='Settings']")).click();
        WebElement actionDialog = chromium.waitForVisible(By.cssSelector("[role='dialog']"));
        // The dialog opens before its fields: they come with the action's config, a request of their own.
        chromium.waitForVisible(By.xpath("//*[@role='dialog']//label[.//*[normalize-space(text())='Phone number attribute']]"));
        assertThat(actionDialog.getText()).contains("Phone number attribute", "Allowed countries");
        // The realm's phone-number rules, below the Twilio settings the action shares with the step.
        chromium.scrollToTop(actionDialog.findElement(By.xpath(".//label[.//*[normalize-space(text())='Phone number attribute']]")));
        chromium.screenshot("admin-required-action-settings");
    }

    /**
     * A new realm configured as the README's steps 2 to 5 say: the browser flow duplicated, the Twilio OTP step added
     * to the copy's forms sub-flow (after "Username Password Form") as Required, its settings saved, the copy bound as
     * the browser flow, the required action switched on. Returns the copy's id.
     */
    private static String configureAsTheReadmeSays(AdminApi admin, String realm) {
        admin.send("POST", "/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        String flows = "/admin/realms/" + realm + "/authentication/flows/";
        admin.send("POST", flows + "browser/copy", "{\"newName\":\"" + FLOW + "\"}");
        String forms = stream(admin.executions(realm, FLOW))
                .filter(e -> e.path("authenticationFlow").asBoolean() && e.path("displayName").asText().endsWith("forms"))
                .findFirst().orElseThrow().path("displayName").asText();
        admin.send("POST", flows + inPath(forms) + "/executions/execution", "{\"provider\":\"twilio-otp\"}");
        ObjectNode step = (ObjectNode) stream(admin.executions(realm, FLOW))
                .filter(e -> "twilio-otp".equals(e.path("providerId").asText())).findFirst().orElseThrow();
        admin.send("PUT", flows + inPath(FLOW) + "/executions", step.put("requirement", "REQUIRED").toString());
        // Added last, after the conditional 2FA sub-flow; one step up puts it right after "Username Password Form".
        admin.send("POST", "/admin/realms/" + realm + "/authentication/executions/" + step.path("id").asText()
                + "/raise-priority", null);
        admin.send("POST", "/admin/realms/" + realm + "/authentication/executions/" + step.path("id").asText() + "/config",
                "{\"alias\":\"twilio-otp\",\"config\":{\"verifyServiceSid\":\"" + VerifyEmulator.SERVICE_SID + "\","
                        + "\"channels\":\"sms##call\",\"defaultRegion\":\"US\"}}");
        ObjectNode realmSettings = (ObjectNode) admin.get("/admin/realms/" + realm);
        admin.send("PUT", "/admin/realms/" + realm, realmSettings.put("browserFlow", FLOW).toString());
        admin.enableVerifyPhoneAction(realm, Map.of("allowedCountries", "US##CA"));
        return stream(admin.get(flows)).filter(f -> FLOW.equals(f.path("alias").asText())).findFirst().orElseThrow()
                .path("id").asText();
    }

    private static String inPath(String alias) {
        return URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void signInToTheAdminConsole(String realm) {
        driver.get(env.keycloak().baseUrl() + "/admin/master/console/#/" + realm);
        chromium.waitFor(By.id("username")).sendKeys(KeycloakDistribution.ADMIN_USER);
        driver.findElement(By.id("password")).sendKeys(KeycloakDistribution.ADMIN_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
