package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin's counters on the management port's {@code /metrics} of a real Keycloak started with
 * {@code --metrics-enabled=true}, after real logins. The server is shared with the other tests, so each assertion
 * is on how much a counter grew during this test.
 */
class MetricsIT extends KeycloakITBase {

    private static final String SENDS = "twilio_otp_sends_total";
    private static final String CHECKS = "twilio_otp_checks_total";
    private static final String LIMIT_HITS = "twilio_otp_limit_hits_total";
    private static final String REQUEST_TIME_COUNT = "twilio_otp_twilio_request_seconds_count";

    @Test
    void aLoginWithOneWrongCodeShowsOneSendAndOneCheckOfEachOutcome() throws Exception {
        PrometheusText before = metrics();
        String phone = TestUsers.newUsNumber();

        Page codeForm = browser.signIn(TestEnvironment.REALM, newUser(TestEnvironment.REALM, phone));
        Page wrong = browser.enterCode(codeForm, TestUsers.otherCodeThan(codeFor(phone)));
        TestUsers.typingPause();
        Page done = browser.enterCode(wrong, codeFor(phone));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();

        PrometheusText after = metrics();
        assertThat(grew(before, after, SENDS, Map.of("channel", "sms", "outcome", "sent"))).isEqualTo(1);
        assertThat(grew(before, after, CHECKS, Map.of("channel", "sms", "outcome", "wrong_code"))).isEqualTo(1);
        assertThat(grew(before, after, CHECKS, Map.of("channel", "sms", "outcome", "approved"))).isEqualTo(1);
        assertThat(grew(before, after, REQUEST_TIME_COUNT, Map.of("operation", "send"))).isEqualTo(1);
        assertThat(grew(before, after, REQUEST_TIME_COUNT, Map.of("operation", "check"))).isEqualTo(2);
    }

    @Test
    void aSendTwilioRefusesIsCountedWithTheReason() throws Exception {
        PrometheusText before = metrics();
        twilio.failNext(403, 60410); // Fraud Guard

        Page page = browser.signIn(TestEnvironment.REALM, newUser(TestEnvironment.REALM, TestUsers.newUsNumber()));
        assertThat(page.loggedIn()).isFalse();

        PrometheusText after = metrics();
        assertThat(grew(before, after, SENDS, Map.of("channel", "sms", "outcome", "number_blocked"))).isEqualTo(1);
        assertThat(grew(before, after, SENDS, Map.of("outcome", "sent"))).isZero();
    }

    @Test
    void aSendRefusedByThePerSignInCapIsCountedAsALimitHit() throws Exception {
        PrometheusText before = metrics();
        String realm = TestEnvironment.REALM_LIMITS; // its cap: 2 sends per sign-in
        Page page = browser.signIn(realm, newUser(realm, TestUsers.newUsNumber()));

        page = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        Page refused = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        assertThat(refused.text()).contains("too many codes in this sign-in");

        PrometheusText after = metrics();
        assertThat(grew(before, after, LIMIT_HITS, Map.of("limit", "login"))).isEqualTo(1);
        assertThat(grew(before, after, SENDS, Map.of("channel", "sms", "outcome", "sent"))).isEqualTo(2);
    }

    private static double grew(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
