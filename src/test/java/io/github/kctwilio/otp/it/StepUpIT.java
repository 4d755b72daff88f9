package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.StepUpRealm;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step-up with Keycloak's Level of Authentication: the password is level 1 ("silver"), the Twilio code level 2
 * ("gold"). An application that asks for gold gets the code form inside the existing session, and the ID token
 * says gold only after the code.
 */
class StepUpIT extends KeycloakITBase {

    private static final String REALM = "otp-stepup";

    @BeforeAll
    static void stepUpRealm() {
        AdminApi admin = TestEnvironment.get().admin();
        admin.createRealmIfAbsent(StepUpRealm.create(REALM, Map.of("resendCooldownSeconds", "0")));
        admin.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
        admin.enableVerifyPhoneAction(REALM, Map.of("defaultRegion", "US", "resendCooldownSeconds", "0"));
    }

    @Test
    void aSignInWithoutRequestedLevelIsPasswordOnlyAndTheTokenSaysSilver() throws Exception {
        String user = newUser(REALM, TestUsers.newUsNumber());

        Page done = browser.signIn(REALM, user);

        assertThat(done.loggedIn()).as(done.body()).isTrue();
        assertThat(twilio.requests()).as("no code for level 1").isEmpty();
        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_1_ACR);
    }

    /** The two ways an application asks for gold: {@code acr_values}, and an essential {@code acr} claim. */
    static Stream<Arguments> goldRequests() {
        String claims = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + StepUpRealm.LEVEL_2_ACR + "\"]}}}";
        return Stream.of(
                arguments(named("acr_values=gold", "&acr_values=" + StepUpRealm.LEVEL_2_ACR)),
                arguments(named("an essential acr claim for gold", "&claims=" + URLEncoder.encode(claims, StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldRequests")
    void goldAskedForInTheSameSessionAsksForTheCodeAndOnlyThenTheTokenSaysGold(String goldRequest) throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);
        JsonNode silver = idToken(browser.signIn(REALM, user));

        Page codeForm = browser.openLogin(REALM, RealmJson.CLIENT_ID, goldRequest);

        // The session is reused: no password form, straight to the code that went to the user's number.
        assertThat(codeForm.hasForm("kc-form-login")).isFalse();
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(twilio.requests().get(0).param("To")).isEqualTo(phone);
        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).as(done.body()).isTrue();
        JsonNode gold = idToken(done);
        assertThat(gold.path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
        assertThat(gold.path("sid").asText()).as("same SSO session").isEqualTo(silver.path("sid").asText());
        assertThat(gold.path("sub").asText()).isEqualTo(silver.path("sub").asText());
    }

    @Test
    void goldAtTheFirstSignInAsksForThePasswordThenTheCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);

        Page login = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        assertThat(login.hasForm("kc-form-login")).as(login.body()).isTrue();
        Page codeForm = browser.signIn(login, user, TestUsers.PASSWORD);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
    }

    @Test
    void everyRequestForGoldSendsANewCodeWhileThePasswordStillCountsForTheSession() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);
        browser.signIn(REALM, user);
        Page first = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        assertThat(browser.enterCode(first, codeFor(phone)).loggedIn()).isTrue();

        // An ordinary request in between: level 1 still counts in the session (max age 10 h), so no code.
        Page plain = browser.openLogin(REALM, RealmJson.CLIENT_ID);
        assertThat(plain.loggedIn()).as(plain.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);

        // A second high-value transaction: level 2 has max age 0, so the first code does not confirm it.
        Page second = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);

        assertThat(second.hasForm(CODE_FORM)).as(second.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    @Test
    void aSignedInUserWithoutANumberAskedForGoldReachesItOnlyByVerifyingANumberByCode() throws Exception {
        String user = newUser(REALM, null);
        Page silver = browser.signIn(REALM, user);
        assertThat(idToken(silver).path("acr").asText()).as("level 1 needs no number").isEqualTo(StepUpRealm.LEVEL_1_ACR);

        // The step hands users without a number to "Verify phone number", as at a first two-factor sign-in.
        Page phoneForm = browser.openLogin(REALM, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        String phone = TestUsers.newUsNumber();
        Page codeForm = browser.enterPhone(phoneForm, phone);
        assertThat(codeForm.loggedIn()).as("no gold before the code").isFalse();
        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(idToken(done).path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
        assertThat(admin.attribute(REALM, admin.userIdByName(REALM, user), "phoneNumberVerified")).isEqualTo("true");
    }

    private JsonNode idToken(Page done) throws Exception {
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        return OidcTokens.idTokenClaims(env.keycloak().baseUrl(), REALM, done.redirectedTo());
    }
}
