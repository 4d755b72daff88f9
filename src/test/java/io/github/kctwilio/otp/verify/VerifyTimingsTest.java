package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyTimingsTest {

    private static final VerificationRequest REQUEST = new VerificationRequest("+14155550134", Channel.SMS, "en", null, Map.of());

    private static final String ACCOUNT = "AC1/VA1";
    private static final String OTHER_ACCOUNT = "AC2/VA2";

    private final VerifyTimings timings = new VerifyTimings(Clock.systemUTC());

    @Test
    void aMeasuredGatewayRecordsHowLongTwilioTookPerOperation() throws Exception {
        VerifyGateway measured = timings.measure(new FakeGateway(Duration.ofMillis(40), null), ACCOUNT);

        measured.start(REQUEST);
        measured.check("VE1", "123456");

        assertThat(timings.typical(VerifyTimings.Operation.START)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(timings.typical(VerifyTimings.Operation.CHECK)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(timings.recentOutage(ACCOUNT)).isEmpty();
    }

    @Test
    void anOutageMetByARealCallIsRememberedAndTheFailureStillReachesTheCaller() {
        VerifyException down = new VerifyException(VerifyFailure.UNAVAILABLE, 503, null, "down", null);
        VerifyGateway measured = timings.measure(new FakeGateway(Duration.ZERO, down), ACCOUNT);

        assertThatThrownBy(() -> measured.start(REQUEST)).isSameAs(down);
        assertThat(timings.recentOutage(ACCOUNT)).containsSame(down);
        assertThat(timings.typical(VerifyTimings.Operation.START)).as("failures are not timings").isEqualTo(VerifyTimings.UNMEASURED);
    }

    @Test
    void aSuccessfulCallEndsTheOutageSoDecoysStopFailingWhenRealRequestsDo() throws Exception {
        VerifyException down = new VerifyException(VerifyFailure.UNAVAILABLE, 503, null, "down", null);
        assertThatThrownBy(() -> timings.measure(new FakeGateway(Duration.ZERO, down), ACCOUNT).start(REQUEST)).isSameAs(down);

        timings.measure(new FakeGateway(Duration.ZERO, null), ACCOUNT).start(REQUEST);

        assertThat(timings.recentOutage(ACCOUNT)).as("a decoy failing now would tell it apart from a real request").isEmpty();
    }

    @Test
    void oneAccountsOutageIsNotAnotherAccounts() {
        VerifyException badToken = new VerifyException(VerifyFailure.BAD_CREDENTIALS, 401, 20003, "Authenticate", null);
        assertThatThrownBy(() -> timings.measure(new FakeGateway(Duration.ZERO, badToken), ACCOUNT).start(REQUEST)).isSameAs(badToken);

        assertThat(timings.recentOutage(OTHER_ACCOUNT)).as("another realm's decoys, whose real requests succeed").isEmpty();
        assertThat(timings.recentOutage(ACCOUNT)).containsSame(badToken);
    }

    private record FakeGateway(Duration takes, VerifyException fails) implements VerifyGateway {
        @Override
        public StartedVerification start(VerificationRequest request) throws VerifyException {
            answer();
            return new StartedVerification("VE1", request.channel());
        }

        @Override
        public CheckResult check(String verificationSid, String code) throws VerifyException {
            answer();
            return CheckResult.WRONG_CODE;
        }

        @Override
        public void cancel(String verificationSid) {
        }

        private void answer() throws VerifyException {
            try {
                Thread.sleep(takes.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fails != null) {
                throw fails;
            }
        }
    }
}
