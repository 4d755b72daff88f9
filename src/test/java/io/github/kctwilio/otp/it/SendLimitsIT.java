package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our caps on sends, in a real Keycloak: refused sends show the wait, record an event and cost no Twilio request. */
@ExtendWith(TestEnvironment.class)
class SendLimitsIT {

    private static final String REALM = TestEnvironment.REALM_LIMITS;

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();

    @BeforeEach
    void resetTwilio() {
        twilio.reset();
    }

    @Test
    void thirdSendToOneNumberWithinTheHourIsRefusedWithTheWaitAndNoTwilioRequest() throws Exception {
        String phone = TestUsers.newUsNumber();
        assertThat(signIn(REALM, newUser(REALM, phone)).hasForm("kc-twilio-otp-code-form")).isTrue();
        assertThat(signIn(REALM, newUser(REALM, phone)).hasForm("kc-twilio-otp-code-form")).isTrue();
        String third = newUser(REALM, phone);

        Page refused = signIn(REALM, third);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text()).containsPattern("Too many codes were requested\\. Try again in [0-9]+ minutes?\\.");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertLimitEvent(REALM, third, "number");
    }

    @Test
    void oneSignInCannotSendMoreThanItsCapEvenWithResends() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);
        LoginBrowser browser = env.newBrowser();
        Page page = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);

        page = browser.submit(page, "kc-twilio-otp-code-form", Map.of("resend", "true"));
        Page refused = browser.submit(page, "kc-twilio-otp-code-form", Map.of("resend", "true"));

        assertThat(refused.text()).contains("too many codes in this sign-in");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertLimitEvent(REALM, user, "login");
        // The code that did go out still works.
        Page done = browser.submit(refused, "kc-twilio-otp-code-form", Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void oneAccountCannotSendToMoreNumbersThanItsCap() throws Exception {
        String user = newUser(REALM, null);
        for (int login = 0; login < 3; login++) {
            Page codeForm = enterNewNumber(user);
            assertThat(codeForm.hasForm("kc-twilio-otp-code-form")).as("login %d", login).isTrue();
        }

        Page refused = enterNewNumber(user);

        assertThat(refused.hasForm("kc-twilio-otp-phone-form")).isTrue();
        assertThat(refused.text()).containsPattern("Try again in [0-9]+ minutes?");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(3);
        assertLimitEvent(REALM, user, "user");
    }

    @Test
    void oneClientAddressCannotAskForMoreCodesThanItsCap() throws Exception {
        String realm = TestEnvironment.REALM_IP_LIMIT;
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(realm, newUser(realm, TestUsers.newUsNumber())).hasForm("kc-twilio-otp-code-form")).isTrue();
        }
        String fourth = newUser(realm, TestUsers.newUsNumber());

        Page refused = signIn(realm, fourth);

        assertThat(refused.text()).containsPattern("Try again in [0-9]+ minutes?");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(3);
        assertLimitEvent(realm, fourth, "ip");
    }

    /** A new sign-in of a user without a number, entering a number never used before. */
    private Page enterNewNumber(String user) throws Exception {
        LoginBrowser browser = env.newBrowser();
        Page phoneForm = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);
        return browser.submit(phoneForm, "kc-twilio-otp-phone-form", Map.of("phoneNumber", TestUsers.newUsNumber()));
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

    private String newUser(String realm, String phone) {
        String username = "l" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(admin, realm, username, phone);
        return username;
    }

    private Page signIn(String realm, String username) throws Exception {
        LoginBrowser browser = env.newBrowser();
        return browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
    }
}
