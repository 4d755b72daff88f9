package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResendScheduleTest {

    private static final ResendSchedule DEFAULT = ResendSchedule.parse(ResendSchedule.DEFAULT).orElseThrow();
    private static final Instant SENT = Instant.parse("2026-11-27T16:00:00Z");
    private static final long SEED = 42;

    @Test
    void theDefaultListIsParsedInOrder() {
        assertThat(DEFAULT.waits()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
                Duration.ofMinutes(4));
    }

    @Test
    void eachResendWaitsAtLeastItsStepAndAtMostTenPercentMore() {
        for (long seed = 0; seed < 200; seed++) {
            for (int resend = 1; resend <= 4; resend++) {
                Duration base = DEFAULT.waits().get(resend - 1);
                assertThat(DEFAULT.waitBefore(resend, seed)).isBetween(base, base.plus(base.dividedBy(10)));
            }
        }
    }

    @Test
    void theLastWaitRepeats() {
        Duration fourth = DEFAULT.waitBefore(4, SEED);

        assertThat(DEFAULT.waitBefore(5, SEED)).isBetween(Duration.ofMinutes(4), Duration.ofSeconds(264));
        assertThat(DEFAULT.waitBefore(9, SEED).compareTo(Duration.ofMinutes(4))).isNotNegative();
        assertThat(fourth.compareTo(Duration.ofMinutes(4))).isNotNegative();
    }

    @Test
    void theSameSignInAlwaysGetsTheSameWaitSoAReloadShowsTheSameTime() {
        assertThat(DEFAULT.waitBefore(2, SEED)).isEqualTo(DEFAULT.waitBefore(2, SEED));
    }

    @Test
    void jitterDiffersBetweenSignIns() {
        Set<Duration> waits = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            waits.add(DEFAULT.waitBefore(1, seed));
        }
        assertThat(waits).hasSizeGreaterThan(30);
    }

    @Test
    void secondsLeftCountDownFromTheLastSendAndRoundUp() {
        Duration wait = DEFAULT.waitBefore(1, SEED);
        long whole = (wait.toMillis() + 999) / 1000;

        assertThat(DEFAULT.secondsLeft(0, SENT, SEED, SENT)).isEqualTo(whole);
        assertThat(DEFAULT.secondsLeft(0, SENT, SEED, SENT.plusSeconds(10))).isEqualTo(whole - 10);
        assertThat(DEFAULT.secondsLeft(0, SENT, SEED, SENT.plus(wait).minusMillis(1))).isEqualTo(1);
        assertThat(DEFAULT.secondsLeft(0, SENT, SEED, SENT.plus(wait))).isZero();
        assertThat(DEFAULT.secondsLeft(0, SENT, SEED, SENT.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void aChannelSwitchCountsAsAResendSoTheNextWaitGrows() {
        // sms first, then "call me instead" (resend 1): the next request is resend 2 and waits 60 s, not 30 s.
        long afterSwitch = DEFAULT.secondsLeft(1, SENT, SEED, SENT);

        assertThat(afterSwitch).isBetween(60L, 66L);
    }

    @Test
    void zeroWaitsAreAllowedForAdminsWhoWantNone() {
        ResendSchedule none = ResendSchedule.parse("0s").orElseThrow();

        assertThat(none.secondsLeft(3, SENT, SEED, SENT)).isZero();
    }

    @Test
    void theAdminConsolesListFormIsRead() {
        assertThat(ResendSchedule.parse("30s##1m##PT2M")).contains(new ResendSchedule(List.of(Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "30", "30s, soon", "2m, 30s", "61m", "1s,2s,3s,4s,5s,6s,7s,8s,9s,10s,11s", "-30s"})
    void malformedListsAreRefused(String text) {
        assertThat(ResendSchedule.parse(text)).isEmpty();
    }

    @Test
    void resendsCountFromOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULT.waitBefore(0, SEED));
    }
}
