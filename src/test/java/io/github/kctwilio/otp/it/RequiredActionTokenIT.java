package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "Secrets and output": Keycloak masks {@code secret} settings only in authenticator configs, never in a
 * required action's config (admin API, realm exports). So the required action "Verify phone number" takes its Auth
 * Token only as a vault reference (or from the server option), and a literal token that reaches its settings by
 * any way (the gear, a realm import, the REST call that replaces the whole action) shows nowhere.
 */
class RequiredActionTokenIT extends KeycloakITBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = "otp-action-token";
    private static final String ACTION = actionPath(REALM);
    /** The account's real token (the emulator's), so that the whole-run log scan also looks for it. */
    private static final String LITERAL_TOKEN = VerifyEmulator.AUTH_TOKEN;
    private static final String VAULT_REFERENCE = "${vault." + TestEnvironment.VAULT_KEY + "}";

    /** A realm imported with a literal token in the action's settings, as a realm JSON of the older version had it. */
    @BeforeAll
    static void importRealmWithLiteralTokenInTheActionSettings() {
        AdminApi admin = TestEnvironment.get().admin();
        if (admin.createRealmIfAbsent(RealmJson.withVerifyPhoneAction(RealmJson.twilioRealm(REALM, Map.of()),
                Map.of("authToken", LITERAL_TOKEN, "defaultRegion", "US")))) {
            admin.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
        }
    }

    @Test
    void literalTokenInAnImportedRealmIsTakenOutOfTheActionSettingsAndTheRestIsKept() throws Exception {
        assertImportCleaned(REALM);
    }

    /**
     * The same in a realm that was in the server's import directory at start ({@code --import-realm}, as the demo's
     * docker-compose.yml imports its realm): cleaned as the start imports it, and again once the server is up.
     */
    @Test
    void literalTokenInARealmImportedAtServerStartIsTakenOutOfTheActionSettingsAndTheRestIsKept() throws Exception {
        assertImportCleaned(TestEnvironment.REALM_ACTION_TOKEN_AT_START);
    }

    private void assertImportCleaned(String realm) throws Exception {
        JsonNode config = actionConfig(realm);
        assertThat(config.path("defaultRegion").asText()).as("the other settings of the import are kept: %s", config).isEqualTo("US");
        assertTokenShowsNowhere(realm);
        assertThat(env.keycloak().log()).as("the server log says what happened, naming the realm and the setting")
                .containsPattern("WARN .*authToken.* of realm " + realm + "\\.");
    }

    @Test
    void literalTokenSavedThroughTheGearIsRefusedWithAMessageAndAVaultReferenceIsAccepted() throws Exception {
        HttpResponse<String> refused = admin.sendAllowingErrors("PUT", ACTION + "/config",
                configJson(Map.of("authToken", LITERAL_TOKEN, "defaultRegion", "CA")));
        assertThat(refused.statusCode()).as("PUT of a literal token: %s", refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("vault").doesNotContain(LITERAL_TOKEN);
        assertThat(actionConfig(REALM).path("defaultRegion").asText()).as("nothing of the refused settings was stored").isNotEqualTo("CA");
        assertTokenShowsNowhere(REALM);

        admin.send("PUT", ACTION + "/config", configJson(Map.of("authToken", VAULT_REFERENCE, "defaultRegion", "US")));
        assertThat(actionConfig(REALM).path("authToken").asText()).as("a vault reference is stored as typed").isEqualTo(VAULT_REFERENCE);
    }

    @Test
    void literalTokenWrittenPastTheGearIsTakenOutWhenTheRealmRulesAreNextRead() throws Exception {
        // The REST call that replaces the whole required action stores its config without asking the action.
        ObjectNode action = (ObjectNode) JSON.readTree(admin.send("GET", ACTION, null).body());
        ObjectNode config = action.putObject("config");
        config.put("authToken", LITERAL_TOKEN).put("defaultRegion", "US");
        admin.send("PUT", ACTION, action.toString());

        // Any sign-in through the step reads the realm's phone rules, which live in these settings.
        String username = newUser(REALM, TestUsers.newUsNumber());
        LoginBrowser.Page codeForm = browser.signIn(REALM, username);
        assertThat(codeForm.hasForm(CODE_FORM)).as("the step ran: %s", codeForm).isTrue();

        assertThat(actionConfig(REALM).path("defaultRegion").asText()).isEqualTo("US");
        assertTokenShowsNowhere(REALM);
    }

    /** GET of the action's config, GET of the action list, and a partial export: none holds the literal token. */
    private void assertTokenShowsNowhere(String realm) throws Exception {
        JsonNode config = actionConfig(realm);
        assertThat(config.path("authToken").asText()).as("admin API, action config: %s", config).isNotEqualTo(LITERAL_TOKEN);
        assertThat(admin.send("GET", actionPath(realm) + "/config", null).body()).as("admin API, action config").doesNotContain(LITERAL_TOKEN);
        assertThat(admin.send("GET", "/admin/realms/" + realm + "/authentication/required-actions", null).body())
                .as("admin API, required actions").doesNotContain(LITERAL_TOKEN);
        String export = admin.send("POST", "/admin/realms/" + realm + "/partial-export?exportClients=true&exportGroupsAndRoles=true",
                null).body();
        assertThat(export).as("the export holds the action's settings").contains(AdminApi.VERIFY_PHONE_ACTION).contains("defaultRegion");
        assertThat(export).as("partial export").doesNotContain(LITERAL_TOKEN);
    }

    private JsonNode actionConfig(String realm) throws Exception {
        return JSON.readTree(admin.send("GET", actionPath(realm) + "/config", null).body()).path("config");
    }

    private static String actionPath(String realm) {
        return "/admin/realms/" + realm + "/authentication/required-actions/" + AdminApi.VERIFY_PHONE_ACTION;
    }

    private static String configJson(Map<String, String> values) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode config = body.putObject("config");
        values.forEach(config::put);
        return body.toString();
    }
}
