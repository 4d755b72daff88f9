package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin's counters on the management port's {@code /metrics} of a real Keycloak started with
 * {@code --metrics-enabled=true}, after real logins. The server is shared with the other tests, so each assertion
 * is on how much a counter grew during this test.
 */
@ExtendWith(TestEnvironment.class)
class MetricsIT {

    private static final String SENDS = "twilio_otp_sends_total";
    private static final String CHECKS = "twilio_otp_checks_total";
    private static final String LIMIT_HITS = "twilio_otp_limit_hits_total";
    private static final String REQUEST_TIME_COUNT = "twilio_otp_twilio_request_seconds_count";

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void freshTwilio() {
        twilio.reset();
    }

    @Test
    void aLoginWithOneWrongCodeShowsOneSendAndOneCheckOfEachOutcome() throws Exception {
        PrometheusText before = scrape();
        String phone = TestUsers.newUsNumber();
        LoginBrowser browser = env.newBrowser();

        Page codeForm = signIn(browser, phone);
        Page wrong = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("code", otherCodeThan(code(phone))));
        TestUsers.typingPause();
        Page done = browser.submit(wrong, "kc-twilio-otp-code-form", Map.of("code", code(phone)));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();

        PrometheusText after = scrape();
        assertThat(grew(before, after, SENDS, Map.of("channel", "sms", "outcome", "sent"))).isEqualTo(1);
        assertThat(grew(before, after, CHECKS, Map.of("channel", "sms", "outcome", "wrong_code"))).isEqualTo(1);
        assertThat(grew(before, after, CHECKS, Map.of("channel", "sms", "outcome", "approved"))).isEqualTo(1);
        assertThat(grew(before, after, REQUEST_TIME_COUNT, Map.of("operation", "send"))).isEqualTo(1);
        assertThat(grew(before, after, REQUEST_TIME_COUNT, Map.of("operation", "check"))).isEqualTo(2);
    }

    @Test
    void aSendTwilioRefusesIsCountedWithTheReason() throws Exception {
        PrometheusText before = scrape();
        twilio.failNext(403, 60410); // Fraud Guard

        Page page = signIn(env.newBrowser(), TestUsers.newUsNumber());
        assertThat(page.loggedIn()).isFalse();

        PrometheusText after = scrape();
        assertThat(grew(before, after, SENDS, Map.of("channel", "sms", "outcome", "number_blocked"))).isEqualTo(1);
        assertThat(grew(before, after, SENDS, Map.of("outcome", "sent"))).isZero();
    }

    @Test
    void aSendRefusedByThePerSignInCapIsCountedAsALimitHit() throws Exception {
        PrometheusText before = scrape();
        LoginBrowser browser = env.newBrowser();
        Page page = signIn(browser, TestEnvironment.REALM_LIMITS, TestUsers.newUsNumber()); // its cap: 2 sends per sign-in

        page = browser.submit(page, "kc-twilio-otp-code-form", Map.of("resend", "true"));
        Page refused = browser.submit(page, "kc-twilio-otp-code-form", Map.of("resend", "true"));
        assertThat(refused.text()).contains("too many codes in this sign-in");

        PrometheusText after = scrape();
        assertThat(grew(before, after, LIMIT_HITS, Map.of("limit", "login"))).isEqualTo(1);
        assertThat(grew(before, after, SENDS, Map.of("channel", "sms", "outcome", "sent"))).isEqualTo(2);
    }

    private Page signIn(LoginBrowser browser, String phone) throws Exception {
        return signIn(browser, TestEnvironment.REALM, phone);
    }

    private Page signIn(LoginBrowser browser, String realm, String phone) throws Exception {
        String username = "m" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(env.admin(), realm, username, phone);
        return browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(env.keycloak().managementUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /metrics on the management port").isEqualTo(200);
        return new PrometheusText(response.body());
    }

    private static double grew(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private String code(String phone) {
        return twilio.lastCodeSentTo(phone).orElseThrow(() -> new AssertionError("Twilio sent no code to " + phone));
    }

    private static String otherCodeThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
