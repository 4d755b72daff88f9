package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Escalating resend waits in one sign-in, decided without a Keycloak server and sent for real to the emulator: each
 * resend waits longer than the one before (up to 10 % jitter each), a channel switch and the other number count as
 * resends, and neither a reload nor "use another number" shortens the next wait.
 */
class ResendWaitsExchangeTest {

    private static final String NUMBER = "+14155550123";
    private static final String BACKUP = "+14155550124";

    private final ExchangeFixture fixture = new ExchangeFixture().set(Setting.RESEND_WAITS.key(), "10s, 20s, 40s")
            .set(Setting.CHANNELS.key(), "sms##call");

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void eachResendWaitsLongerThanTheOneBeforeAndAChannelSwitchIsOne() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        fixture.clock().advance(Duration.ofSeconds(9));
        assertSends(Channel.SMS, 1); // before the first wait
        fixture.clock().advance(Duration.ofSeconds(2)); // 11 s: the first wait (10 s) and its most jitter
        assertSends(Channel.SMS, 2);

        fixture.clock().advance(Duration.ofSeconds(19));
        assertSends(Channel.CALL, 2); // the second wait is 20 s from the last code, not 10 s
        fixture.clock().advance(Duration.ofSeconds(3));
        assertSends(Channel.CALL, 3);

        assertThat(fixture.state().resends()).isEqualTo(2);
        assertThat(CodeFormViews.of(fixture.request()).resendWaitSeconds()).as("the third wait, 40 s and its jitter")
                .isBetween(40L, 44L);
        assertThat(fixture.twilio().requests()).extracting(r -> r.param("Channel")).containsExactly("sms", "sms", "call");
    }

    @Test
    void theLastWaitRepeatsForEveryLaterResend() {
        fixture.set(Setting.RESEND_WAITS.key(), "10s");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        for (int resend = 1; resend <= 3; resend++) {
            fixture.clock().advance(Duration.ofSeconds(11));
            assertSends(Channel.SMS, 1 + resend);
        }
    }

    @Test
    void aReloadShowsTheSameRemainingTimeAndSendsNothing() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofSeconds(3));

        long shown = CodeFormViews.of(fixture.request()).resendWaitSeconds();
        CodeDelivery.pending(fixture.request()).orElseThrow();

        assertThat(CodeFormViews.of(fixture.request()).resendWaitSeconds()).isEqualTo(shown).isBetween(7L, 8L);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void theOtherNumberIsAResendWithTheSameWaits() {
        fixture.state().twoNumbers(NUMBER, BACKUP);
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        fixture.delivery().sendToBackup(fixture.request());
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).as("before the first wait").isEqualTo(1);

        fixture.clock().advance(Duration.ofSeconds(11));
        fixture.delivery().sendToBackup(fixture.request());
        assertThat(fixture.twilio().requests()).extracting(RecordedRequest::kind, r -> r.param("To")).last()
                .isEqualTo(tuple(RequestKind.CREATE_VERIFICATION, BACKUP));
        assertThat(fixture.state().resends()).isEqualTo(1);
        assertThat(CodeFormViews.of(fixture.request()).resendWaitSeconds()).as("the second wait").isBetween(20L, 22L);
    }

    @Test
    void useAnotherNumberSendsToTheNewNumberAtOnceButTheNextResendStillWaitsLonger() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);
        fixture.clock().advance(Duration.ofSeconds(11));
        assertSends(Channel.SMS, 2);
        fixture.state().startOver(); // "Use another number"

        fixture.delivery().sendFirst(fixture.request(), BACKUP, Purpose.ENROLMENT, true);

        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(3);
        assertThat(CodeFormViews.of(fixture.request()).resendWaitSeconds()).as("the second wait, not the first")
                .isBetween(20L, 22L);
    }

    @Test
    void anOldConfigWithOnlyTheFixedCooldownWaitsThatLongBeforeEveryResend() {
        fixture.set(Setting.RESEND_WAITS.key(), "").set(Setting.RESEND_COOLDOWN_SECONDS.key(), "5");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        for (int resend = 1; resend <= 2; resend++) {
            fixture.clock().advance(Duration.ofSeconds(4));
            assertSends(Channel.SMS, resend);
            fixture.clock().advance(Duration.ofMillis(1500)); // 5 s and at most 10 % jitter
            assertSends(Channel.SMS, resend + 1);
        }
    }

    /** Asks for a new code by this channel and checks how many creates Twilio has received in all. */
    private void assertSends(Channel channel, int creates) {
        Outcome outcome = fixture.delivery().resend(fixture.request(), channel).orElseThrow();
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(creates);
        if (outcome.message() != null) {
            assertThat(outcome.messageKey()).isEqualTo(OtpMessages.NEW_CODE_SENT);
        }
    }
}
