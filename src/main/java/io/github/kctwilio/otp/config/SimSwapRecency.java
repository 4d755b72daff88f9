package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.lookup.SimSwap;
import java.time.Duration;
import java.time.Instant;

/** Whether Lookup's SIM swap answer shows a swap within the realm's period. */
public enum SimSwapRecency {
    RECENT,
    NOT_RECENT,
    /** The carrier gave no date, and Twilio's flag speaks of another period than the realm's. */
    UNDETERMINED;

    /**
     * With a date, the date decides. Without one, Twilio's {@code swapped_in_period} speaks of the account's onboarding
     * period: a swap within a period no longer than the realm's is recent, no swap within a period at least as long is
     * not; anything else is undetermined.
     */
    public static SimSwapRecency of(SimSwap swap, Duration period, Instant now) {
        if (swap.lastSwap() != null) {
            return swap.lastSwap().isAfter(now.minus(period)) ? RECENT : NOT_RECENT;
        }
        if (swap.swappedInPeriod() == null || swap.swappedPeriod() == null) {
            return UNDETERMINED;
        }
        if (swap.swappedInPeriod()) {
            return swap.swappedPeriod().compareTo(period) <= 0 ? RECENT : UNDETERMINED;
        }
        return swap.swappedPeriod().compareTo(period) >= 0 ? NOT_RECENT : UNDETERMINED;
    }
}
