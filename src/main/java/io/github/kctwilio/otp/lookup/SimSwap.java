package io.github.kctwilio.otp.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Lookup's {@code last_sim_swap}. Carriers in some countries give the date of the last swap; others only say whether
 * a swap fell within the period the Twilio account was onboarded with ({@code swapped_period}).
 *
 * @param lastSwap        when the SIM behind the number last changed; null when the carrier does not say
 * @param swappedPeriod   the period {@code swappedInPeriod} speaks of (ISO-8601 at Twilio, e.g. PT48H); null if absent
 * @param swappedInPeriod whether the last swap fell within {@code swappedPeriod}; null if absent
 */
public record SimSwap(Instant lastSwap, Duration swappedPeriod, Boolean swappedInPeriod) {

    public Optional<Instant> lastSwapDate() {
        return Optional.ofNullable(lastSwap);
    }
}
