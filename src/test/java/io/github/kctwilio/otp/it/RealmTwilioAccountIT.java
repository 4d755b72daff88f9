package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A realm's Twilio account (Account SID, Auth Token, Verify Service SID) is set once per realm, on the required action
 * "Verify phone number", and a step may override it. Each realm here uses a Verify Service of its own, so the service
 * in the path of each Twilio request tells which level supplied the account; the server-wide options of the test
 * environment name yet another service, the one used when neither level sets it.
 */
@ExtendWith(TestEnvironment.class)
class RealmTwilioAccountIT {

    private static final String CODE_FORM = "kc-twilio-otp-code-form";
    private static final String PHONE_FORM = "kc-twilio-otp-phone-form";

    /** The account on the step only; the required action's gear has no Twilio account. */
    private static final String STEP_ONLY = "otp-account-step";
    private static final String STEP_ONLY_SERVICE = TestEnvironment.serviceSid('5');
    /** The account on the required action only (the token as a vault reference); the step's gear has none. */
    private static final String REALM_ONLY = "otp-account-realm";
    private static final String REALM_ONLY_SERVICE = TestEnvironment.serviceSid('6');
    /** The realm's account on the required action, and a step that overrides its Verify Service. */
    private static final String BOTH = "otp-account-both";
    private static final String BOTH_REALM_SERVICE = TestEnvironment.serviceSid('7');
    private static final String BOTH_STEP_SERVICE = TestEnvironment.serviceSid('8');

    /** Numbers read as US, no cooldown, no per-address cap (every test signs in from 127.0.0.1). */
    private static final Map<String, String> RULES = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0");

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();
    private LoginBrowser browser;

    @BeforeEach
    void realmsFreshBrowserAndTwilio() throws Exception {
        ensureRealm(STEP_ONLY, account(STEP_ONLY_SERVICE, VerifyEmulator.AUTH_TOKEN), Map.of());
        ensureRealm(REALM_ONLY, Map.of(), account(REALM_ONLY_SERVICE, "${vault." + TestEnvironment.VAULT_KEY + "}"));
        ensureRealm(BOTH, Map.of("verifyServiceSid", BOTH_STEP_SERVICE), account(BOTH_REALM_SERVICE, ""));
        twilio.reset();
        browser = env.newBrowser();
    }

    @Test
    void aUserWithoutAPhoneHandedOverByAStepThatAloneSetsTheAccountGetsACodeThroughThatAccountAndEnrols() throws Exception {
        String user = TestUsers.newUser(admin, STEP_ONLY, null);
        String phone = TestUsers.newUsNumber();

        Page phoneForm = signIn(STEP_ONLY, user);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        Page codeForm = browser.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", phone));
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Page done = enterCode(codeForm, phone);

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(servicesOf(RequestKind.CREATE_VERIFICATION)).containsExactly(STEP_ONLY_SERVICE);
        assertThat(servicesOf(RequestKind.CHECK)).containsExactly(STEP_ONLY_SERVICE);
        String id = admin.userIdByName(STEP_ONLY, user);
        assertThat(admin.phoneCredentials(STEP_ONLY, id)).hasSize(1);
        assertThat(admin.attribute(STEP_ONLY, id, "phoneNumber")).isEqualTo(phone);
    }

    @Test
    void aRealmWhoseAccountIsSetOnlyOnTheRequiredActionSignsInThroughTheStep() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = TestUsers.newUserWithPhones(admin, REALM_ONLY, phone);

        Page codeForm = signIn(REALM_ONLY, user);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Page done = enterCode(codeForm, phone);

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(servicesOf(RequestKind.CREATE_VERIFICATION)).containsExactly(REALM_ONLY_SERVICE);
        assertThat(servicesOf(RequestKind.CHECK)).containsExactly(REALM_ONLY_SERVICE);
    }

    @Test
    void aStepsOwnVerifyServiceOverridesTheRealmsWhileTheRequiredActionKeepsTheRealms() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page signedIn = enterCode(signIn(BOTH, TestUsers.newUserWithPhones(admin, BOTH, phone)), phone);
        assertThat(signedIn.loggedIn()).as(signedIn.toString()).isTrue();
        assertThat(servicesOf(RequestKind.CREATE_VERIFICATION)).containsExactly(BOTH_STEP_SERVICE);

        twilio.reset();
        browser = env.newBrowser();
        String newcomer = TestUsers.newUser(admin, BOTH, null);
        String number = TestUsers.newUsNumber();
        Page phoneForm = signIn(BOTH, newcomer);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        Page enrolled = enterCode(browser.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", number)), number);

        assertThat(enrolled.loggedIn()).as(enrolled.toString()).isTrue();
        assertThat(servicesOf(RequestKind.CREATE_VERIFICATION)).containsExactly(BOTH_REALM_SERVICE);
    }

    // --- helpers ---

    /** The emulator's account with this Verify Service; {@code token} blank leaves the token to the next level. */
    private static Map<String, String> account(String serviceSid, String token) {
        Map<String, String> account = new HashMap<>(Map.of("accountSid", VerifyEmulator.ACCOUNT_SID, "verifyServiceSid", serviceSid));
        if (!token.isEmpty()) {
            account.put("authToken", token);
        }
        return account;
    }

    /** A realm with the step in its browser flow and the required action on, created once through the admin API. */
    private void ensureRealm(String realm, Map<String, String> stepAccount, Map<String, String> realmAccount) throws Exception {
        if (admin.sendAllowingErrors("GET", "/admin/realms/" + realm, null).statusCode() == 200) {
            return;
        }
        Map<String, String> step = new HashMap<>(RULES);
        step.putAll(stepAccount);
        admin.send("POST", "/admin/realms", RealmJson.twilioRealm(realm, step).toString());
        admin.declarePhoneAttributes(realm, "phoneNumber", "phoneNumberVerified");
        Map<String, String> action = new HashMap<>(RULES);
        action.putAll(realmAccount);
        // Keycloak's file vault reads ${vault.key} of realm R from the file R_key, when the secret is asked for.
        Files.writeString(Path.of("target", "it", "vault", realm + "_" + TestEnvironment.VAULT_KEY), VerifyEmulator.AUTH_TOKEN);
        admin.enableVerifyPhoneAction(realm, action);
    }

    /** The Verify Service of each request of this kind, in order: {@code /v2/Services/{sid}/...}. */
    private List<String> servicesOf(RequestKind kind) {
        return twilio.requests().stream().filter(r -> r.kind() == kind).map(RecordedRequest::path)
                .map(path -> path.split("/")[3]).toList();
    }

    private Page signIn(String realm, String username) throws Exception {
        return browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
    }

    private Page enterCode(Page codeForm, String phone) throws Exception {
        String code = twilio.lastCodeSentTo(phone).orElseThrow(() -> new AssertionError("Twilio sent no code to " + phone));
        return browser.submit(codeForm, CODE_FORM, Map.of("code", code));
    }
}
