package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our caps on sends, in a real Keycloak: refused sends show the wait, record an event and cost no Twilio request. */
class SendLimitsIT extends KeycloakITBase {

    private static final String REALM = TestEnvironment.REALM_LIMITS;

    @Test
    void thirdSendToOneNumberWithinTheHourIsRefusedWithTheWaitAndNoTwilioRequest() throws Exception {
        String phone = TestUsers.newUsNumber();
        assertThat(env.newBrowser().signIn(REALM, newUser(REALM, phone)).hasForm(CODE_FORM)).isTrue();
        assertThat(env.newBrowser().signIn(REALM, newUser(REALM, phone)).hasForm(CODE_FORM)).isTrue();
        String third = newUser(REALM, phone);

        Page refused = env.newBrowser().signIn(REALM, third);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text()).containsPattern("Too many codes were requested\\. Try again in [0-9]+ minutes?\\.");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertLimitEvent(REALM, third, "number");
    }

    @Test
    void oneSignInCannotSendMoreThanItsCapEvenWithResends() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);
        Page page = browser.signIn(REALM, user);

        page = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        Page refused = browser.submit(page, CODE_FORM, Map.of("resend", "true"));

        assertThat(refused.text()).contains("too many codes in this sign-in");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertLimitEvent(REALM, user, "login");
        // The code that did go out still works.
        Page done = browser.enterCode(refused, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void oneAccountCannotSendToMoreNumbersThanItsCap() throws Exception {
        String user = newUser(REALM, null);
        for (int login = 0; login < 3; login++) {
            Page codeForm = enterNewNumber(user);
            assertThat(codeForm.hasForm(CODE_FORM)).as("login %d", login).isTrue();
        }

        Page refused = enterNewNumber(user);

        assertThat(refused.hasForm(PHONE_FORM)).isTrue();
        assertThat(refused.text()).containsPattern("Try again in [0-9]+ minutes?");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(3);
        assertLimitEvent(REALM, user, "user");
    }

    @Test
    void oneClientAddressCannotAskForMoreCodesThanItsCap() throws Exception {
        String realm = TestEnvironment.REALM_IP_LIMIT;
        for (int i = 0; i < 3; i++) {
            assertThat(env.newBrowser().signIn(realm, newUser(realm, TestUsers.newUsNumber())).hasForm(CODE_FORM)).isTrue();
        }
        String fourth = newUser(realm, TestUsers.newUsNumber());

        Page refused = env.newBrowser().signIn(realm, fourth);

        assertThat(refused.text()).containsPattern("Try again in [0-9]+ minutes?");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(3);
        assertLimitEvent(realm, fourth, "ip");
    }

    /** A new sign-in of a user without a number, entering a number never used before. */
    private Page enterNewNumber(String user) throws Exception {
        LoginBrowser fresh = env.newBrowser();
        Page phoneForm = fresh.signIn(REALM, user);
        return fresh.enterPhone(phoneForm, TestUsers.newUsNumber());
    }

    /** A refused send at sign-in is a LOGIN_ERROR; in the required action "Verify phone number" its own error type. */
    private void assertLimitEvent(String realm, String username, String limit) {
        JsonNode events = admin.events(realm, admin.userIdByName(realm, username));
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isIn("LOGIN_ERROR", "CUSTOM_REQUIRED_ACTION_ERROR");
            assertThat(event.path("error").asText()).isEqualTo("twilio_send_limit");
            assertThat(event.path("details").path("twilio_limit").asText()).isEqualTo(limit);
            assertThat(event.path("details").path("twilio_phone").asText()).startsWith("\u2022");
        });
    }
}
