package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @Test
    void readsCountPerSecondsMinutesHoursAndDays() {
        assertThat(RateLimit.parse("5/1h")).contains(new RateLimit(5, Duration.ofHours(1)));
        assertThat(RateLimit.parse("10/30m")).contains(new RateLimit(10, Duration.ofMinutes(30)));
        assertThat(RateLimit.parse("3/90s")).contains(new RateLimit(3, Duration.ofSeconds(90)));
        assertThat(RateLimit.parse(" 20 / 1d ")).contains(new RateLimit(20, Duration.ofDays(1)));
        assertThat(RateLimit.parse("7/2H")).contains(new RateLimit(7, Duration.ofHours(2)));
    }

    @Test
    void zeroSwitchesTheLimitOff() {
        assertThat(RateLimit.parse("0")).hasValueSatisfying(limit -> assertThat(limit.isOff()).isTrue());
    }

    @Test
    void aRealmWideCeilingMayCountUpToAHundredThousand() {
        assertThat(RateLimit.parse("100000/1h", RateLimit.MAX_REALM_COUNT)).contains(new RateLimit(100_000, Duration.ofHours(1)));
        assertThat(RateLimit.parse("100001/1h", RateLimit.MAX_REALM_COUNT)).isEmpty();
        assertThat(RateLimit.parse("2000/1h")).as("other caps stay within 1000").isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "5", "5/", "/1h", "5/1w", "0/1h", "-1/1h", "1001/1h", "5/8d", "5/0h", "five/1h", "5/1h;DROP", "5/1h/2"})
    void refusesAnythingElse(String text) {
        assertThat(RateLimit.parse(text)).isEmpty();
    }
}
