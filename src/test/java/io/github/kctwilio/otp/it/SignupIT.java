package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.SignupRealm;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import io.github.kctwilio.otp.testsupport.UserProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Self-registration with a phone number: the registration page checks the number (no Twilio request), and the new
 * account is usable only after "Verify phone number" approved a code sent to it, right after registration.
 */
@ExtendWith(TestEnvironment.class)
class SignupIT {

    /** Phone number required at signup; codes only to US and Canadian numbers; national numbers read as US. */
    private static final String REALM = "otp-signup";
    /** As {@link #REALM}, but the number may be left blank. */
    private static final String REALM_OPTIONAL = "otp-signup-optional";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();
    private LoginBrowser browser;

    @BeforeAll
    static void signupRealms() {
        AdminApi admin = TestEnvironment.get().admin();
        createOnce(admin, SignupRealm.create(REALM, Map.of()));
        createOnce(admin, SignupRealm.create(REALM_OPTIONAL, Map.of("phoneRequired", "false")));
    }

    private static void createOnce(AdminApi admin, ObjectNode realm) {
        String name = realm.get("realm").asText();
        if (admin.sendAllowingErrors("GET", "/admin/realms/" + name, null).statusCode() == 404) {
            admin.send("POST", "/admin/realms", realm.toString());
        }
        UserProfiles.phoneEditableAtSignup(admin, name);
        admin.enableVerifyPhoneAction(name, Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "allowedCountries", "US##CA"));
    }

    @BeforeEach
    void freshBrowserAndTwilio() {
        twilio.reset();
        browser = env.newBrowser();
    }

    @Test
    void aNewAccountVerifiesTheNumberItRegisteredWithByCodeBeforeItIsSignedIn() throws Exception {
        String username = newUsername();
        String phone = TestUsers.newUsNumber();

        Page phoneForm = register(REALM, username, national(phone));

        // Right after registration: the account exists with the number in E.164, unverified, and must verify it.
        assertThat(phoneForm.hasForm("kc-twilio-otp-phone-form")).as(phoneForm.body()).isTrue();
        assertThat(phoneForm.document().getElementById("phoneNumber").attr("value")).isEqualTo(phone);
        assertThat(phoneForm.loggedIn()).isFalse();
        String userId = admin.userIdByName(REALM, username);
        assertThat(admin.attribute(REALM, userId, "phoneNumber")).isEqualTo(phone);
        assertThat(admin.attribute(REALM, userId, "phoneNumberVerified")).isNull();
        assertThat(requiredActions(userId)).containsExactly(AdminApi.VERIFY_PHONE_ACTION);
        assertThat(twilio.requests()).as("the registration page itself never calls Twilio").isEmpty();

        Page codeForm = browser.submit(phoneForm, "kc-twilio-otp-phone-form", Map.of("phoneNumber", phone));
        assertThat(codeForm.hasForm("kc-twilio-otp-code-form")).as(codeForm.body()).isTrue();
        Page done = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone)));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
        assertThat(admin.attribute(REALM, userId, "phoneNumber")).isEqualTo(phone);
        assertThat(admin.attribute(REALM, userId, "phoneNumberVerified")).isEqualTo("true");
        assertThat(requiredActions(userId)).isEmpty();
    }

    @Test
    void anInvalidNumberIsRefusedOnTheRegistrationPageWithoutATwilioRequestOrAnAccount() throws Exception {
        String username = newUsername();

        Page page = register(REALM, username, "12345");

        assertThat(page.hasForm("kc-register-form")).as(page.body()).isTrue();
        assertThat(page.fieldError("phoneNumber")).contains("Enter a valid mobile number");
        assertThat(page.document().getElementById("username").attr("value")).as("the form comes back filled in").isEqualTo(username);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
        assertThat(userExists(REALM, username)).isFalse();
    }

    @Test
    void aNumberFromACountryOutsideTheAllowedListIsRefusedOnTheRegistrationPage() throws Exception {
        String username = newUsername();

        Page page = register(REALM, username, "+49 151 12345678");

        assertThat(page.hasForm("kc-register-form")).as(page.body()).isTrue();
        assertThat(page.fieldError("phoneNumber")).contains("Codes cannot be sent to numbers from this country");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
        assertThat(userExists(REALM, username)).isFalse();
    }

    @Test
    void aBlankNumberIsRefusedWhereTheRealmRequiresOne() throws Exception {
        String username = newUsername();

        Page page = register(REALM, username, "");

        assertThat(page.hasForm("kc-register-form")).as(page.body()).isTrue();
        assertThat(page.fieldError("phoneNumber")).contains("Please specify this field");
        assertThat(userExists(REALM, username)).isFalse();
    }

    @Test
    void abandoningAfterRegistrationLeavesTheVerificationPendingAtTheNextSignIn() throws Exception {
        String username = newUsername();
        String phone = TestUsers.newUsNumber();
        Page phoneForm = register(REALM, username, phone);
        assertThat(phoneForm.hasForm("kc-twilio-otp-phone-form")).as(phoneForm.body()).isTrue();

        // The user closes the tab; later, in another browser, the password alone does not get them in.
        LoginBrowser later = env.newBrowser();
        Page afterPassword = later.signIn(later.openLogin(REALM, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);

        assertThat(afterPassword.loggedIn()).isFalse();
        assertThat(afterPassword.hasForm("kc-twilio-otp-phone-form")).as(afterPassword.body()).isTrue();
        assertThat(afterPassword.document().getElementById("phoneNumber").attr("value")).isEqualTo(phone);
        Page codeForm = later.submit(afterPassword, "kc-twilio-otp-phone-form", Map.of("phoneNumber", phone));
        Page done = later.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", codeFor(phone)));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(admin.attribute(REALM, admin.userIdByName(REALM, username), "phoneNumberVerified")).isEqualTo("true");
    }

    @Test
    void whereTheNumberIsOptionalAnAccountWithoutOneIsSignedInWithoutACode() throws Exception {
        String username = newUsername();

        Page done = register(REALM_OPTIONAL, username, "");

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        String userId = admin.userIdByName(REALM_OPTIONAL, username);
        assertThat(admin.attribute(REALM_OPTIONAL, userId, "phoneNumber")).isNull();
        assertThat(requiredActions(userId, REALM_OPTIONAL)).isEmpty();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void whereTheNumberIsOptionalAGivenNumberIsStillVerifiedByCode() throws Exception {
        String phone = TestUsers.newUsNumber();

        Page phoneForm = register(REALM_OPTIONAL, newUsername(), phone);

        assertThat(phoneForm.loggedIn()).isFalse();
        assertThat(phoneForm.hasForm("kc-twilio-otp-phone-form")).as(phoneForm.body()).isTrue();
    }

    /** Registers through the sign-in page's "Register" link; the user profile puts the phone number on the form. */
    private Page register(String realm, String username, String phone) throws Exception {
        return browser.register(realm, RealmJson.CLIENT_ID, username, phone);
    }

    private static String newUsername() {
        return "signup-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** As someone in the US types it: (415) 555-0123. */
    private static String national(String e164) {
        return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
    }

    private String codeFor(String phone) {
        return twilio.lastCodeSentTo(phone).orElseThrow(() -> new AssertionError("No code sent to " + phone));
    }

    private boolean userExists(String realm, String username) throws Exception {
        String body = admin.send("GET", "/admin/realms/" + realm + "/users?exact=true&username=" + username, null).body();
        return !JSON.readTree(body).isEmpty();
    }

    private List<String> requiredActions(String userId) {
        return requiredActions(userId, REALM);
    }

    private List<String> requiredActions(String userId, String realm) {
        List<String> actions = new ArrayList<>();
        JsonNode user = admin.user(realm, userId);
        user.path("requiredActions").forEach(action -> actions.add(action.asText()));
        return actions;
    }
}
