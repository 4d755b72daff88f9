package io.github.kctwilio.otp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.CheckResult;
import io.github.kctwilio.otp.verify.StartedVerification;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TwilioOtpMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final TwilioOtpMetrics metrics = new TwilioOtpMetrics(registry, Clock.systemUTC());
    private final ScriptedGateway twilio = new ScriptedGateway();
    private final VerifyGateway gateway = metrics.instrument(twilio);

    @Test
    void acceptedSendsAreCountedByChannel() throws Exception {
        twilio.thenSucceed().thenSucceed().thenSucceed();

        gateway.start(request(Channel.SMS));
        gateway.start(request(Channel.SMS));
        gateway.start(request(Channel.CALL));

        assertThat(count(TwilioOtpMetrics.SENDS, "sms", "sent")).isEqualTo(2);
        assertThat(count(TwilioOtpMetrics.SENDS, "call", "sent")).isEqualTo(1);
    }

    @Test
    void aFailedSendIsCountedWithItsFailureAndTheExceptionPassesThroughUnchanged() {
        twilio.thenFail(VerifyFailure.NUMBER_BLOCKED);

        assertThatThrownBy(() -> gateway.start(request(Channel.WHATSAPP)))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.failure()).isEqualTo(VerifyFailure.NUMBER_BLOCKED));

        assertThat(count(TwilioOtpMetrics.SENDS, "whatsapp", "number_blocked")).isEqualTo(1);
        assertThat(registry.find(TwilioOtpMetrics.SENDS).tag("outcome", "sent").counter()).isNull();
    }

    @Test
    void checksAreCountedWithTheChannelOfTheirSendAndTheirOutcome() throws Exception {
        twilio.thenSucceed().then(CheckResult.WRONG_CODE).then(CheckResult.APPROVED);
        StartedVerification started = gateway.start(request(Channel.CALL));

        assertThat(gateway.check(started.sid(), "000000")).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(gateway.check(started.sid(), "123456")).isEqualTo(CheckResult.APPROVED);

        assertThat(count(TwilioOtpMetrics.CHECKS, "call", "wrong_code")).isEqualTo(1);
        assertThat(count(TwilioOtpMetrics.CHECKS, "call", "approved")).isEqualTo(1);
        assertThat(metrics.channels().size()).as("an approved verification is forgotten").isZero();
    }

    @Test
    void aCheckOfAVerificationThisNodeDidNotStartHasChannelUnknown() throws Exception {
        twilio.then(CheckResult.APPROVED);

        gateway.check("VE" + "1".repeat(32), "123456");

        assertThat(count(TwilioOtpMetrics.CHECKS, TwilioOtpMetrics.UNKNOWN_CHANNEL, "approved")).isEqualTo(1);
    }

    @Test
    void aFailedCheckIsCountedWithItsFailureAndEndsTheVerificationWhenTwilioDid() throws Exception {
        twilio.thenSucceed().thenFail(VerifyFailure.UNAVAILABLE).thenFail(VerifyFailure.TOO_MANY_CHECKS);
        StartedVerification started = gateway.start(request(Channel.SMS));

        assertThatThrownBy(() -> gateway.check(started.sid(), "000000")).isInstanceOf(VerifyException.class);
        assertThat(metrics.channels().size()).as("an outage ends nothing").isEqualTo(1);
        assertThatThrownBy(() -> gateway.check(started.sid(), "000000")).isInstanceOf(VerifyException.class);

        assertThat(count(TwilioOtpMetrics.CHECKS, "sms", "unavailable")).isEqualTo(1);
        assertThat(count(TwilioOtpMetrics.CHECKS, "sms", "too_many_checks")).isEqualTo(1);
        assertThat(metrics.channels().size()).isZero();
    }

    @Test
    void everyTwilioCallIsTimedByOperation() throws Exception {
        twilio.thenSucceed().then(CheckResult.APPROVED).thenSucceed();
        StartedVerification started = gateway.start(request(Channel.SMS));
        gateway.check(started.sid(), "123456");
        gateway.cancel(started.sid());

        for (String operation : new String[] {"send", "check", "cancel"}) {
            assertThat(registry.get(TwilioOtpMetrics.REQUEST_TIME).tag("operation", operation).timer().count())
                    .as(operation).isEqualTo(1);
        }
    }

    @Test
    void limitHitsAreCountedByLimitNameAndOddNamesCannotBlowUpTheTagValues() {
        metrics.recordLimitHit("number");
        metrics.recordLimitHit("number");
        metrics.recordLimitHit("+14155550134");
        metrics.recordLimitHit(null);
        metrics.recordLimitHit("Per Phone");

        assertThat(registry.get(TwilioOtpMetrics.LIMIT_HITS).tag("limit", "number").counter().count()).isEqualTo(2);
        assertThat(registry.get(TwilioOtpMetrics.LIMIT_HITS).tag("limit", TwilioOtpMetrics.INVALID_LIMIT).counter().count()).isEqualTo(3);
        assertThat(registry.find(TwilioOtpMetrics.LIMIT_HITS).counters()).hasSize(2);
    }

    @Test
    void theStaticLimitHitCountsOnMicrometersGlobalRegistryWhichKeycloakPublishes() {
        SimpleMeterRegistry published = new SimpleMeterRegistry();
        Metrics.addRegistry(published);
        try {
            TwilioOtpMetrics.limitHit("user");

            assertThat(published.get(TwilioOtpMetrics.LIMIT_HITS).tag("limit", "user").counter().count()).isEqualTo(1);
        } finally {
            Metrics.removeRegistry(published);
        }
    }

    private double count(String name, String channel, String outcome) {
        Counter counter = registry.find(name).tag("channel", channel).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static VerificationRequest request(Channel channel) {
        return new VerificationRequest("+14155550134", channel, null, null, null);
    }
}
