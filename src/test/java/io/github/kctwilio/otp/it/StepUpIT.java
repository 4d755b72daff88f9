package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.StepUpRealm;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step-up with Keycloak's Level of Authentication: the password is level 1 ("silver"), the Twilio code level 2
 * ("gold"). An application that asks for gold gets the code form inside the existing session, and the ID token
 * says gold only after the code.
 */
@ExtendWith(TestEnvironment.class)
class StepUpIT {

    private static final String REALM = "otp-stepup";

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();
    private LoginBrowser browser;

    @BeforeAll
    static void stepUpRealm() {
        AdminApi admin = TestEnvironment.get().admin();
        if (admin.sendAllowingErrors("GET", "/admin/realms/" + REALM, null).statusCode() == 404) {
            admin.send("POST", "/admin/realms", StepUpRealm.create(REALM, Map.of("resendCooldownSeconds", "0")).toString());
        }
        admin.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
        admin.enableVerifyPhoneAction(REALM, Map.of("defaultRegion", "US", "resendCooldownSeconds", "0"));
    }

    @BeforeEach
    void freshBrowserAndTwilio() {
        twilio.reset();
        browser = env.newBrowser();
    }

    @Test
    void aSignInWithoutRequestedLevelIsPasswordOnlyAndTheTokenSaysSilver() throws Exception {
        String user = newUserWithPhone(TestUsers.newUsNumber());

        Page done = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);

        assertThat(done.loggedIn()).as(done.body()).isTrue();
        assertThat(twilio.requests()).as("no code for level 1").isEmpty();
        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_1_ACR);
    }

    @Test
    void acrValuesGoldInTheSameSessionAsksForTheCodeAndOnlyThenTheTokenSaysGold() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhone(phone);
        JsonNode silver = idToken(browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD));

        Page codeForm = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);

        // The session is reused: no password form, straight to the code that went to the user's number.
        assertThat(codeForm.hasForm("kc-form-login")).isFalse();
        assertThat(codeForm.hasForm("kc-twilio-otp-code-form")).as(codeForm.body()).isTrue();
        assertThat(twilio.requests().get(0).param("To")).isEqualTo(phone);
        Page done = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone)));

        assertThat(done.loggedIn()).as(done.body()).isTrue();
        JsonNode gold = idToken(done);
        assertThat(gold.path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
        assertThat(gold.path("sid").asText()).as("same SSO session").isEqualTo(silver.path("sid").asText());
        assertThat(gold.path("sub").asText()).isEqualTo(silver.path("sub").asText());
    }

    @Test
    void goldAtTheFirstSignInAsksForThePasswordThenTheCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhone(phone);

        Page login = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        assertThat(login.hasForm("kc-form-login")).as(login.body()).isTrue();
        Page codeForm = browser.signIn(login, user, TestUsers.PASSWORD);
        assertThat(codeForm.hasForm("kc-twilio-otp-code-form")).as(codeForm.body()).isTrue();
        Page done = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone)));

        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
    }

    @Test
    void anEssentialAcrClaimRequestForGoldAsksForTheCodeAndTheTokenSaysGold() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhone(phone);
        Page silver = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);
        assertThat(silver.loggedIn()).isTrue();
        String claims = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + StepUpRealm.LEVEL_2_ACR + "\"]}}}";

        Page codeForm = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&claims=" + URLEncoder.encode(claims, StandardCharsets.UTF_8));

        assertThat(codeForm.hasForm("kc-twilio-otp-code-form")).as(codeForm.body()).isTrue();
        Page done = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone)));
        assertThat(done.loggedIn()).as(done.body()).isTrue();
        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
    }

    @Test
    void everyRequestForGoldSendsANewCodeWhileThePasswordStillCountsForTheSession() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhone(phone);
        browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);
        Page first = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        assertThat(browser.submit(first, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone))).loggedIn()).isTrue();

        // An ordinary request in between: level 1 still counts in the session (max age 10 h), so no code.
        Page plain = browser.openLogin(REALM, RealmJson.CLIENT_ID);
        assertThat(plain.loggedIn()).as(plain.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);

        // A second high-value transaction: level 2 has max age 0, so the first code does not confirm it.
        Page second = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);

        assertThat(second.hasForm("kc-twilio-otp-code-form")).as(second.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    @Test
    void aSignedInUserWithoutANumberAskedForGoldReachesItOnlyByVerifyingANumberByCode() throws Exception {
        String user = "stepup-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(admin, REALM, user, null);
        Page silver = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);
        assertThat(idToken(silver).path("acr").asText()).as("level 1 needs no number").isEqualTo(StepUpRealm.LEVEL_1_ACR);

        // The step hands users without a number to "Verify phone number", as at a first two-factor sign-in.
        Page phoneForm = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        assertThat(phoneForm.hasForm("kc-twilio-otp-phone-form")).as(phoneForm.body()).isTrue();
        String phone = TestUsers.newUsNumber();
        Page codeForm = browser.submit(phoneForm, "kc-twilio-otp-phone-form", Map.of("phoneNumber", phone));
        assertThat(codeForm.loggedIn()).as("no gold before the code").isFalse();
        Page done = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone)));

        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
        assertThat(admin.attribute(REALM, admin.userIdByName(REALM, user), "phoneNumberVerified")).isEqualTo("true");
    }

    private String newUserWithPhone(String phone) {
        String username = "stepup-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(admin, REALM, username, phone);
        return username;
    }

    private JsonNode idToken(Page done) throws Exception {
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        return OidcTokens.idTokenClaims(env.keycloak().baseUrl(), REALM, done.redirectedTo());
    }

    private String codeFor(String phone) {
        return twilio.lastCodeSentTo(phone).orElseThrow(() -> new AssertionError("No code sent to " + phone));
    }
}
