package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.KeycloakVersion;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The phone factor is a Keycloak credential: codes go only to a credential's number, whatever the profile attribute
 * says; credentials the realm can no longer use fail closed instead of opening enrolment; numbers that exist only as
 * attributes (an upgrade, an imported user base) are taken over as the realm's rules say; the account console and the
 * admin console see the credential, masked, and deleting it really removes the factor. Real Keycloak, over HTTP.
 */
class PhoneCredentialIT extends KeycloakITBase {

    private static final String ATTACKER = "+14155559876";
    private static final String GERMAN_MOBILE = "+4915112345678";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void ruleRealms() {
        new RuleRealms(admin);
    }

    @Test
    void aNumberTypedIntoTheProfileByASessionHolderGetsNoSignInCodeAndTheMirrorIsPutBack() throws Exception {
        String realm = RuleRealms.SELF_EDIT;
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(realm, phone);
        Page first = browser.signIn(realm, user);
        String accessToken = OidcTokens.accessToken(browser.keycloakUrl(), realm,
                browser.enterCode(first, codeFor(phone)).redirectedTo());

        // Someone holding the session (a stolen cookie, an unattended browser) types their own number into the profile.
        HttpResponse<String> edit = updateOwnProfile(realm, accessToken, user, ATTACKER);
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(204);
        assertThat(attribute(realm, user, "phoneNumber")).isEqualTo(ATTACKER);

        twilio.reset();
        LoginBrowser later = env.newBrowser();
        Page code = later.signIn(realm, user);
        assertThat(code.hasForm(CODE_FORM)).as(code.body()).isTrue();
        assertThat(twilio.lastCodeSentTo(ATTACKER)).as("no code to the typed number").isEmpty();
        Page done = later.enterCode(code, codeFor(phone));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(attribute(realm, user, "phoneNumber")).as("the mirror holds the proved number again").isEqualTo(phone);
        assertThat(attribute(realm, user, "phoneNumberVerified")).isEqualTo("true");
    }

    @Test
    void aNumberChangedInTheProfileGetsNoPasswordResetCodeEither() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(RuleRealms.TRUSTING, phone);
        admin.setAttribute(RuleRealms.TRUSTING, admin.userIdByName(RuleRealms.TRUSTING, user), "phoneNumber", ATTACKER);

        Page code = browser.forgotPassword(RuleRealms.TRUSTING, user);

        assertThat(code.hasForm(CODE_FORM)).as(code.body()).isTrue();
        assertThat(twilio.lastCodeSentTo(ATTACKER)).isEmpty();
        assertThat(twilio.lastCodeSentTo(phone)).isPresent();
    }

    @Test
    void aPhoneOutsideNarrowedCountriesStopsTheSignInWithoutOfferingEnrolmentToThePasswordHolder() throws Exception {
        String user = newUserWithPhones(RuleRealms.VERIFYING, GERMAN_MOBILE); // the realm allows US only
        String id = admin.userIdByName(RuleRealms.VERIFYING, user);

        Page page = browser.signIn(RuleRealms.VERIFYING, user);

        assertThat(page.text()).as(page.body()).contains("cannot receive codes").contains("administrator");
        assertThat(page.hasForm(PHONE_FORM)).as("no way to enrol another number").isFalse();
        assertThat(page.hasForm(CODE_FORM)).isFalse();
        assertThat(admin.user(RuleRealms.VERIFYING, id).path("requiredActions")).as("no hand-off to enrolment").isEmpty();
        assertThat(twilio.requests()).isEmpty();
        assertThat(admin.events(RuleRealms.VERIFYING, id).toString()).contains("twilio_phone_unusable");
    }

    @Test
    void aUserVerifiedByTheAttributeBasedVersionSignsInWithACodeAndTheNumberBecomesACredential() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = "u-upgraded-" + phone.substring(8);
        // A realm where users may edit the number: the old mark (out of their reach) still binds it to what was proved.
        String realm = RuleRealms.SELF_EDIT;
        String id = admin.createUser(realm, user, TestUsers.PASSWORD,
                Map.of("phoneNumber", phone, "phoneNumberVerified", "true", "twilioOtpVerifiedNumber", earlierVersionMark(phone)));

        Page code = browser.signIn(realm, user);
        assertThat(code.hasForm(CODE_FORM)).as("no enrolment: " + code.body()).isTrue();
        assertThat(admin.phoneCredentials(realm, id)).as("taken over before the code went out").singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).contains("EARLIER_VERSION"));
        Page done = browser.enterCode(code, codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(admin.user(realm, id).path("attributes").has("twilioOtpVerifiedNumber")).as("the old mark is gone").isFalse();
    }

    @Test
    void anAdminManagedNumberIsTakenOverAsItIsWhenTheRealmTrustsExistingNumbers() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.TRUSTING, phone); // attribute only; users cannot edit it here
        String id = admin.userIdByName(RuleRealms.TRUSTING, user);

        Page code = browser.signIn(RuleRealms.TRUSTING, user);

        assertThat(code.hasForm(CODE_FORM)).as(code.body()).isTrue();
        assertThat(twilio.lastCodeSentTo(phone)).isPresent();
        assertThat(admin.phoneCredentials(RuleRealms.TRUSTING, id)).singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).contains("TRUSTED_ATTRIBUTE"));
    }

    @Test
    void aNumberUsersCouldHaveTypedBecomesACredentialOnlyOnceACodeToItIsApproved() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.SELF_EDIT, phone);
        String id = admin.userIdByName(RuleRealms.SELF_EDIT, user);

        Page code = browser.signIn(RuleRealms.SELF_EDIT, user);
        assertThat(code.hasForm(CODE_FORM)).as(code.body()).isTrue();
        assertThat(admin.phoneCredentials(RuleRealms.SELF_EDIT, id)).as("not before the code").isEmpty();

        Page done = browser.enterCode(code, codeFor(phone));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(admin.phoneCredentials(RuleRealms.SELF_EDIT, id)).singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).contains("\"CODE\""));
    }

    @Test
    void theAdminConsoleShowsTheCredentialMaskedAndDeletingItRemovesTheFactorForGood() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(TestEnvironment.REALM, phone);
        String id = admin.userIdByName(TestEnvironment.REALM, user);
        admin.setAttribute(TestEnvironment.REALM, id, "phoneNumber", phone); // the mirror, as after a sign-in

        JsonNode listed = admin.credentials(TestEnvironment.REALM, id);
        assertThat(admin.phoneCredentials(TestEnvironment.REALM, id)).singleElement()
                .satisfies(c -> assertThat(c.path("userLabel").asText()).endsWith(phone.substring(8)).doesNotContain(phone.substring(2, 8)));
        assertThat(listed.toString()).as("the admin API never returns the full number").doesNotContain(phone);

        String credentialId = admin.phoneCredentials(TestEnvironment.REALM, id).get(0).path("id").asText();
        admin.send("DELETE", "/admin/realms/" + TestEnvironment.REALM + "/users/" + id + "/credentials/" + credentialId, null);

        Page next = browser.signIn(TestEnvironment.REALM, user);
        assertThat(next.hasForm(PHONE_FORM)).as("enrolment of a new number, not the old one from the mirror: " + next.body()).isTrue();
        assertThat(twilio.requests()).isEmpty();
    }

    /**
     * The account console lists credential types of the steps a realm's flows use. Keycloak 26.2 lists only a step's
     * main category (ours is {@code otp}, for brute-force protection); from 26.3 it also lists the optional ones, where
     * the phone credential is (26.3 asks for them without the session, 26.4 with it: the factory answers both).
     */
    @Test
    void theAccountConsoleListsThePhoneCredentialWithSetUpAndRemove() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(TestEnvironment.REALM, phone);
        Page code = browser.signIn(TestEnvironment.REALM, user);
        Page done = browser.enterCode(code, codeFor(phone));
        String token = OidcTokens.accessToken(browser.keycloakUrl(), TestEnvironment.REALM, done.redirectedTo());

        HttpResponse<String> types = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(browser.keycloakUrl()
                        + "/realms/" + TestEnvironment.REALM + "/account/credentials"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(types.statusCode()).as(types.body()).isEqualTo(200);
        JsonNode phoneType = null;
        for (JsonNode type : JSON.readTree(types.body())) {
            if (AdminApi.PHONE_CREDENTIAL.equals(type.path("type").asText())) {
                phoneType = type;
            }
        }
        if (!KeycloakVersion.underTest().atLeast(26, 3)) {
            assertThat(phoneType).as("Keycloak %s lists main categories only: %s", KeycloakVersion.underTest(), types.body()).isNull();
            return;
        }
        assertThat(phoneType).as(types.body()).isNotNull();
        assertThat(phoneType.path("category").asText()).isEqualTo("two-factor");
        assertThat(phoneType.path("createAction").asText()).isEqualTo(AdminApi.VERIFY_PHONE_ACTION);
        assertThat(phoneType.path("removeable").asBoolean()).isTrue();
        assertThat(phoneType.path("userCredentialMetadatas").toString()).contains(phone.substring(8)).doesNotContain(phone);
    }

    @Test
    void aUserWithABackupPhoneCanHaveTheCodeSentToTheOtherNumber() throws Exception {
        String main = TestUsers.newUsNumber();
        String backup = TestUsers.newUsNumber();
        String user = newUserWithPhones(TestEnvironment.REALM, main, backup);

        Page code = browser.signIn(TestEnvironment.REALM, user);
        assertThat(twilio.lastCodeSentTo(main)).as("the main number first").isPresent();
        assertThat(code.document().select("button[name=backupNumber]").text()).contains(backup.substring(8)).doesNotContain(backup);

        Page other = browser.submit(code, CODE_FORM, Map.of("backupNumber", "true"));
        assertThat(twilio.lastCodeSentTo(backup)).as(other.text()).isPresent();
        assertThat(other.document().select("button[name=backupNumber]").text()).contains(main.substring(8));
        Page done = browser.enterCode(other, codeFor(backup));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    /** The account REST API, as the account console calls it, with the user's own token. */
    private HttpResponse<String> updateOwnProfile(String realm, String token, String user, String phone) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("username", user).put("email", user + "@example.org")
                .put("firstName", user).put("lastName", "Test");
        body.putObject("attributes").putArray("phoneNumber").add(phone);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(browser.keycloakUrl() + "/realms/" + realm + "/account/"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What the attribute-based versions stored next to a number they verified. */
    private static String earlierVersionMark(String e164) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(("twilio-otp:" + e164).getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest);
    }
}
