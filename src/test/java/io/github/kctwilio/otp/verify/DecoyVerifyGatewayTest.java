package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.testsupport.MovableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecoyVerifyGatewayTest {

    private static final VerificationRequest REQUEST = new VerificationRequest("name:alice", Channel.CALL, "en", null, Map.of());

    private final MovableClock clock = new MovableClock();
    private static final String ACCOUNT = "AC1/VA1";
    private final VerifyTimings timings = new VerifyTimings(clock);

    @Test
    void aDecoySendTakesAsLongAsRecentRealSendsAndKeepsTheAskedChannel() throws Exception {
        for (int i = 0; i < 5; i++) {
            timings.succeeded(VerifyTimings.Operation.START, Duration.ofMillis(i == 4 ? 900 : 120));
        }
        long started = System.nanoTime();
        StartedVerification decoy = new DecoyVerifyGateway(timings, ACCOUNT, 0, false).start(REQUEST);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the median, not the slow outlier").isGreaterThanOrEqualTo(Duration.ofMillis(120))
                .isLessThan(Duration.ofMillis(900));
        assertThat(decoy).isEqualTo(new StartedVerification(DecoyVerifyGateway.SID, Channel.CALL));
    }

    @Test
    void decoyChecksAreWrongThenRefusedAsTwilioRefusesTheSixthOrAnExpiredVerification() throws Exception {
        timings.succeeded(VerifyTimings.Operation.CHECK, Duration.ofMillis(1));

        assertThat(new DecoyVerifyGateway(timings, ACCOUNT, 4, false).check(DecoyVerifyGateway.SID, "123456")).isEqualTo(CheckResult.WRONG_CODE);
        assertThatThrownBy(() -> new DecoyVerifyGateway(timings, ACCOUNT, 5, false).check(DecoyVerifyGateway.SID, "123456"))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.twilioCode()).isEqualTo(60202));
        assertThatThrownBy(() -> new DecoyVerifyGateway(timings, ACCOUNT, 0, true).check(DecoyVerifyGateway.SID, "123456"))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.twilioCode()).isEqualTo(20404));
    }

    @Test
    void whileRealRequestsMeetAnOutageTheDecoyMeetsTheSameAndForgetsItAfterHalfAMinute() throws Exception {
        timings.succeeded(VerifyTimings.Operation.START, Duration.ofMillis(1));
        timings.failed(new VerifyException(VerifyFailure.UNAVAILABLE, 503, null, "down", null), ACCOUNT);
        timings.failed(new VerifyException(VerifyFailure.LANDLINE, 400, 60205, "landline", null), ACCOUNT); // about one number only

        assertThatThrownBy(() -> new DecoyVerifyGateway(timings, ACCOUNT, 0, false).start(REQUEST))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.failure()).isEqualTo(VerifyFailure.UNAVAILABLE));
        clock.advance(Duration.ofSeconds(31));
        assertThat(new DecoyVerifyGateway(timings, ACCOUNT, 0, false).start(REQUEST).sid()).isEqualTo(DecoyVerifyGateway.SID);
    }

    @Test
    void beforeAnyRealRequestATypicalTwilioRoundTripStandsIn() {
        assertThat(timings.typical(VerifyTimings.Operation.CHECK)).isEqualTo(VerifyTimings.UNMEASURED);
    }
}
