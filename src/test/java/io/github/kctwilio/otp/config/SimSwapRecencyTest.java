package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.lookup.SimSwap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimSwapRecencyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T16:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @ParameterizedTest(name = "swapped {0} ago, period 24h: {1}")
    @CsvSource({"PT1H, RECENT", "PT23H59M, RECENT", "PT24H, NOT_RECENT", "P30D, NOT_RECENT", "PT-1H, RECENT"})
    void aDateDecidesAlone(Duration ago, SimSwapRecency expected) {
        // Twilio's flag, here contradicting the date, is ignored when there is a date.
        SimSwap swap = new SimSwap(NOW.minus(ago), Duration.ofHours(4), false);

        assertThat(SimSwapRecency.of(swap, DAY, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "no date, Twilio period {0}, in period {1}, realm period 24h: {2}")
    @CsvSource({
            "PT4H,  true,  RECENT",        // a swap within 4 h is within 24 h
            "PT24H, true,  RECENT",
            "PT48H, true,  UNDETERMINED",  // within 48 h, maybe not within 24 h
            "PT48H, false, NOT_RECENT",    // none within 48 h, so none within 24 h
            "PT24H, false, NOT_RECENT",
            "PT4H,  false, UNDETERMINED"}) // none within 4 h says nothing of the 20 h before
    void withoutADateTwilioFlagDecidesOnlyWhereItsPeriodSaysEnough(Duration twilioPeriod, boolean inPeriod, SimSwapRecency expected) {
        assertThat(SimSwapRecency.of(new SimSwap(null, twilioPeriod, inPeriod), DAY, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "period {0}, flag {1}")
    @CsvSource({", true", "PT24H, ", ", "})
    void withoutDateAndWithoutPeriodOrFlagItIsUndetermined(Duration twilioPeriod, Boolean inPeriod) {
        assertThat(SimSwapRecency.of(new SimSwap(null, twilioPeriod, inPeriod), DAY, NOW)).isEqualTo(SimSwapRecency.UNDETERMINED);
    }
}
