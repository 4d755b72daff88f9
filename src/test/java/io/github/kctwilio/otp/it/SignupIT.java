package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.SignupRealm;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import io.github.kctwilio.otp.testsupport.UserProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Self-registration with a phone number: the registration page checks the number (no Twilio request), and the new
 * account is usable only after "Verify phone number" approved a code sent to it, right after registration.
 */
class SignupIT extends KeycloakITBase {

    /** Phone number required at signup; codes only to US and Canadian numbers; national numbers read as US. */
    private static final String REALM = "otp-signup";
    /** As {@link #REALM}, but the number may be left blank. */
    private static final String REALM_OPTIONAL = "otp-signup-optional";

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void signupRealms() {
        AdminApi admin = TestEnvironment.get().admin();
        createOnce(admin, SignupRealm.create(REALM, Map.of()));
        createOnce(admin, SignupRealm.create(REALM_OPTIONAL, Map.of("phoneRequired", "false")));
    }

    private static void createOnce(AdminApi admin, ObjectNode realm) {
        String name = realm.get("realm").asText();
        admin.createRealmIfAbsent(realm);
        UserProfiles.phoneEditableAtSignup(admin, name);
        admin.enableVerifyPhoneAction(name, Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "allowedCountries", "US##CA"));
    }

    @Test
    void aNewAccountVerifiesTheNumberItRegisteredWithByCodeBeforeItIsSignedIn() throws Exception {
        String username = newUsername();
        String phone = TestUsers.newUsNumber();

        Page phoneForm = browser.register(REALM, username, national(phone));

        // Right after registration: the account exists with the number in E.164, unverified, and must verify it.
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        assertThat(phoneForm.document().getElementById("phoneNumber").attr("value")).isEqualTo(phone);
        assertThat(phoneForm.loggedIn()).isFalse();
        String userId = admin.userIdByName(REALM, username);
        assertThat(admin.attribute(REALM, userId, "phoneNumber")).isEqualTo(phone);
        assertThat(admin.attribute(REALM, userId, "phoneNumberVerified")).isNull();
        assertThat(requiredActions(userId)).containsExactly(AdminApi.VERIFY_PHONE_ACTION);
        assertThat(twilio.requests()).as("the registration page itself never calls Twilio").isEmpty();

        Page codeForm = browser.enterPhone(phoneForm, phone);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
        assertThat(admin.attribute(REALM, userId, "phoneNumber")).isEqualTo(phone);
        assertThat(admin.attribute(REALM, userId, "phoneNumberVerified")).isEqualTo("true");
        assertThat(requiredActions(userId)).isEmpty();
    }

    /** Numbers the realm cannot use, and the message on the registration form's phone field. */
    static Stream<Arguments> refusedAtRegistration() {
        return Stream.of(
                arguments(named("an invalid number", "12345"), "Enter a valid mobile number"),
                arguments(named("a number from a country outside the allowed list", "+49 151 12345678"),
                        "Codes cannot be sent to numbers from this country"),
                arguments(named("a blank number where the realm requires one", ""), "Please specify this field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAtRegistration")
    void aNumberTheRealmCannotUseIsRefusedOnTheRegistrationPageWithoutATwilioRequestOrAnAccount(String typed, String message)
            throws Exception {
        String username = newUsername();

        Page page = browser.register(REALM, username, typed);

        assertThat(page.hasForm("kc-register-form")).as(page.body()).isTrue();
        assertThat(page.fieldError("phoneNumber")).contains(message);
        assertThat(page.document().getElementById("username").attr("value")).as("the form comes back filled in").isEqualTo(username);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
        assertThat(userExists(REALM, username)).isFalse();
    }

    @Test
    void abandoningAfterRegistrationLeavesTheVerificationPendingAtTheNextSignIn() throws Exception {
        String username = newUsername();
        String phone = TestUsers.newUsNumber();
        Page phoneForm = browser.register(REALM, username, phone);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();

        // The user closes the tab; later, in another browser, the password alone does not get them in.
        LoginBrowser later = env.newBrowser();
        Page afterPassword = later.signIn(REALM, username);

        assertThat(afterPassword.loggedIn()).isFalse();
        assertThat(afterPassword.hasForm(PHONE_FORM)).as(afterPassword.body()).isTrue();
        assertThat(afterPassword.document().getElementById("phoneNumber").attr("value")).isEqualTo(phone);
        Page codeForm = later.enterPhone(afterPassword, phone);
        Page done = later.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(admin.attribute(REALM, admin.userIdByName(REALM, username), "phoneNumberVerified")).isEqualTo("true");
    }

    @Test
    void whereTheNumberIsOptionalAnAccountWithoutOneIsSignedInWithoutACode() throws Exception {
        String username = newUsername();

        Page done = browser.register(REALM_OPTIONAL, username, "");

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        String userId = admin.userIdByName(REALM_OPTIONAL, username);
        assertThat(admin.attribute(REALM_OPTIONAL, userId, "phoneNumber")).isNull();
        assertThat(requiredActions(userId, REALM_OPTIONAL)).isEmpty();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void whereTheNumberIsOptionalAGivenNumberIsStillVerifiedByCode() throws Exception {
        String phone = TestUsers.newUsNumber();

        Page phoneForm = browser.register(REALM_OPTIONAL, newUsername(), phone);

        assertThat(phoneForm.loggedIn()).isFalse();
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
    }

    private static String newUsername() {
        return "signup-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** As someone in the US types it: (415) 555-0123. */
    private static String national(String e164) {
        return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
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
