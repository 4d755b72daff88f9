package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.DemoRealm;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.StepUpRealm;
import io.github.kctwilio.otp.testsupport.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The committed demo realm ({@code demo/demo-realm.json}), imported unchanged as {@code mvn -Pdemo package} and
 * {@code docker compose up} import it: its users, its user profile and its login flow work in a real Keycloak.
 */
class DemoRealmIT extends KeycloakITBase {

    @Test
    void theImportDeclaresThePhoneNumberEditableAtSignupAndTheVerifiedFlagByAdminsOnly() {
        JsonNode attributes = json(admin.send("GET", "/admin/realms/" + DemoRealm.REALM + "/users/profile", null).body()).path("attributes");

        assertThat(attribute(attributes, "phoneNumber").path("permissions").path("edit").toString()).isEqualTo("[\"admin\",\"user\"]");
        assertThat(attribute(attributes, "phoneNumberVerified").path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
        String alice = admin.userIdByName(DemoRealm.REALM, DemoRealm.ALICE);
        assertThat(admin.attribute(DemoRealm.REALM, alice, "phoneNumber")).as("declared, so the admin API shows it")
                .isEqualTo(DemoRealm.ALICE_PHONE);
    }

    @Test
    void aliceSignsInWithTheCodeSentToHerNumber() throws Exception {

        Page codeForm = browser.signIn(browser.openLogin(DemoRealm.REALM, RealmJson.CLIENT_ID), DemoRealm.ALICE, DemoRealm.ALICE);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        String code = codeFor(DemoRealm.ALICE_PHONE);

        Page done = browser.enterCode(codeForm, code);
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
    }

    @Test
    void bobHasNoNumberAndIsAskedForOne() throws Exception {

        Page phoneForm = browser.signIn(browser.openLogin(DemoRealm.REALM, RealmJson.CLIENT_ID), DemoRealm.BOB, DemoRealm.BOB);

        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void theImportEnablesTheVerifyPhoneActionWithItsRealmSettings() {
        JsonNode action = json(admin.send("GET", "/admin/realms/" + DemoRealm.REALM
                + "/authentication/required-actions/" + AdminApi.VERIFY_PHONE_ACTION, null).body());
        JsonNode config = json(admin.send("GET", "/admin/realms/" + DemoRealm.REALM
                + "/authentication/required-actions/" + AdminApi.VERIFY_PHONE_ACTION + "/config", null).body());

        assertThat(action.path("enabled").asBoolean()).as(action.toString()).isTrue();
        assertThat(config.path("config").path("defaultRegion").asText()).as(config.toString()).isEqualTo("US");
    }

    @Test
    void bobTypesANationalNumberInTheRequiredActionAndSignsIn() throws Exception {
        afterThisTest(this::putBobBackWithoutANumber);
        Page phoneForm = browser.signIn(browser.openLogin(DemoRealm.REALM, RealmJson.CLIENT_ID), DemoRealm.BOB, DemoRealm.BOB);
        String number = TestUsers.newUsNumber();

        Page codeForm = browser.enterPhone(phoneForm, number.substring(2));
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Page done = browser.enterCode(codeForm, codeFor(number));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
    }

    /** Bob has a phone now: the demo goes back to what the README describes, for whoever runs after. */
    private void putBobBackWithoutANumber() {
        String bob = admin.userIdByName(DemoRealm.REALM, DemoRealm.BOB);
        admin.deletePhoneCredentials(DemoRealm.REALM, bob);
        admin.setAttribute(DemoRealm.REALM, bob, "phoneNumber", "");
        admin.setAttribute(DemoRealm.REALM, bob, "twilioOtpPhoneCredentialsOnly", "");
    }

    @Test
    void aVisitorSignsUpWithANumberAndIsSignedInOnlyAfterItsCode() throws Exception {
        String phone = TestUsers.newUsNumber();

        Page phoneForm = browser.register(DemoRealm.REALM, "visitor-" + phone.substring(8), phone);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        Page codeForm = browser.enterPhone(phoneForm, phone);
        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
    }

    @Test
    void theStepUpClientAsksAliceForACodeOnlyWhenGoldIsRequested() throws Exception {
        Page silver = browser.signIn(browser.openLogin(DemoRealm.REALM, DemoRealm.STEP_UP_CLIENT), DemoRealm.ALICE, DemoRealm.ALICE);
        assertThat(silver.loggedIn()).as("password only: %s", silver).isTrue();
        assertThat(twilio.requests()).isEmpty();

        Page codeForm = browser.openLogin(DemoRealm.REALM, DemoRealm.STEP_UP_CLIENT, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        Page gold = browser.enterCode(codeForm, codeFor(DemoRealm.ALICE_PHONE));

        assertThat(OidcTokens.idTokenClaims(env.keycloak().baseUrl(), DemoRealm.REALM, DemoRealm.STEP_UP_CLIENT, gold.redirectedTo())
                .path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
    }

    private static JsonNode attribute(JsonNode attributes, String name) {
        for (JsonNode attribute : attributes) {
            if (name.equals(attribute.path("name").asText())) {
                return attribute;
            }
        }
        throw new AssertionError(name + " not declared in the user profile: " + attributes);
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
