package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Twilio failure, injected through the emulator (or the proxy in front of it), ends in a clear message, an
 * event with an error code, one admin log line, no HTTP 5xx, no success and no brute-force count.
 */
class TwilioFaultsIT extends KeycloakITBase {

    private static final String UNAVAILABLE = "could not reach the verification service";
    private static final String CANNOT_SEND = "cannot send a code to this number";

    /** How a fault is caused, on which call, and what the user and the admin must see. */
    enum Fault {
        BAD_CREDENTIALS(Call.SEND, e -> e.emulator().failNext(401, 20003), UNAVAILABLE, "twilio_bad_credentials", "20003"),
        VERIFICATION_GONE(Call.CHECK, e -> e.emulator().failNext(404, 20404), "has expired or was already used", "expired_code", "20404"),
        CONCURRENCY_LIMIT(Call.SEND, e -> e.emulator().failNext(429, 20429), "Too many requests", "twilio_throttled", "20429"),
        INVALID_PARAMETER(Call.SEND, e -> e.emulator().failNext(400, 60200), CANNOT_SEND, "twilio_invalid_parameter", "60200"),
        MAX_CHECKS(Call.CHECK, e -> e.emulator().failNext(429, 60202), "Too many wrong codes", "twilio_too_many_checks", "60202"),
        MAX_SENDS(Call.SEND, e -> e.emulator().failNext(429, 60203), "Too many codes were sent to this number", "twilio_too_many_sends", "60203"),
        LANDLINE(Call.SEND, e -> e.emulator().failNext(403, 60205), "cannot receive text messages", "twilio_landline", "60205"),
        NUMBER_CONCURRENCY(Call.SEND, e -> e.emulator().failNext(429, 60212), "Too many requests", "twilio_throttled", "60212"),
        CHANNEL_DISABLED(TestEnvironment.REALM_FAULT_CHANNEL, Call.SEND, e -> e.emulator().failNext(400, 60223),
                "not available right now", "twilio_channel_disabled", "60223"),
        FRAUD_GUARD(Call.SEND, e -> e.emulator().failNext(403, 60410), CANNOT_SEND, "twilio_number_blocked", "60410"),
        GEO_PERMISSIONS(Call.SEND, e -> e.emulator().failNext(403, 60605), CANNOT_SEND, "twilio_number_blocked", "60605"),
        HTTP_500(Call.SEND, e -> e.emulator().failNextWithBody(500, "Internal Server Error", "text/plain"), UNAVAILABLE, "twilio_unavailable", null),
        HTTP_503(Call.SEND, e -> e.emulator().failNextWithBody(503, "<html>Service Unavailable</html>", "text/html"), UNAVAILABLE, "twilio_unavailable", null),
        SLOWER_THAN_READ_TIMEOUT(Call.SEND, e -> e.emulator().hangNext(), UNAVAILABLE, "twilio_unavailable", null),
        CONNECTION_REFUSED(Call.SEND, e -> refuse(e), UNAVAILABLE, "twilio_unavailable", null),
        MALFORMED_JSON(Call.SEND, e -> e.emulator().failNextWithBody(201, "{\"sid\": \"VE", "application/json"), UNAVAILABLE, "twilio_unavailable", null);

        final String realm;
        final Call call;
        final FaultSetup setup;
        final String message;
        final String eventError;
        final String twilioCode;

        Fault(Call call, FaultSetup setup, String message, String eventError, String twilioCode) {
            this(TestEnvironment.REALM, call, setup, message, eventError, twilioCode);
        }

        /** A fault in its own realm: 60223 marks the channel disabled for the realm's Verify Service for an hour. */
        Fault(String realm, Call call, FaultSetup setup, String message, String eventError, String twilioCode) {
            this.realm = realm;
            this.call = call;
            this.setup = setup;
            this.message = message;
            this.eventError = eventError;
            this.twilioCode = twilioCode;
        }

        private static void refuse(TestEnvironment env) throws Exception {
            env.twilioLink().refuse();
        }
    }

    enum Call { SEND, CHECK }

    @FunctionalInterface
    interface FaultSetup {
        void apply(TestEnvironment env) throws Exception;
    }

    static Stream<Arguments> faults() {
        return Arrays.stream(Fault.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void failureIsExplainedLoggedOnceRecordedAndNeitherCountedNorLetThrough(Fault fault) throws Exception {
        String phone = TestUsers.newUsNumber();
        String username = newUser(fault.realm, phone);
        Page login = browser.openLogin(fault.realm, RealmJson.CLIENT_ID);
        int logBefore = env.keycloak().log().length();

        Page page;
        long started;
        try {
            if (fault.call == Call.SEND) {
                fault.setup.apply(env);
                started = System.nanoTime();
                page = browser.signIn(login, username, TestUsers.PASSWORD);
            } else {
                Page codeForm = browser.signIn(login, username, TestUsers.PASSWORD);
                fault.setup.apply(env);
                started = System.nanoTime();
                page = browser.enterCode(codeForm, codeFor(phone));
            }
        } finally {
            env.twilioLink().accept();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("fault %-26s page in %5d ms%n", fault, millis);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.loggedIn()).isFalse();
        assertThat(page.text()).contains(fault.message);
        String userId = admin.userIdByName(fault.realm, username);
        assertThat(admin.bruteForceStatus(fault.realm, userId).path("numFailures").asInt()).isZero();

        JsonNode events = admin.events(fault.realm, userId);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("LOGIN_ERROR");
            assertThat(event.path("error").asText()).isEqualTo(fault.eventError);
            if (fault.twilioCode != null) {
                assertThat(event.path("details").path("twilio_error_code").asText()).isEqualTo(fault.twilioCode);
            }
        });

        String newLog = env.keycloak().log().substring(logBefore);
        long pluginLines = newLog.lines().filter(l -> l.contains("Twilio OTP " + fault.call.name().toLowerCase() + " by ")).count();
        assertThat(pluginLines).as("admin log lines for %s:%n%s", fault, newLog).isEqualTo(1);
        if (fault.twilioCode != null) {
            assertThat(newLog).contains("twilioCode=" + fault.twilioCode);
        }
        assertThat(newLog).doesNotContain(phone).doesNotContain(phone.substring(2));
    }
}
