package io.github.kctwilio.otp.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wall clock plus an offset that tests move forward, so a 10-minute expiry is tested without waiting.
 * Stays close to real time (instead of a frozen clock) so date_created values look plausible in a demo.
 */
final class EmulatorClock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    EmulatorClock(Clock base) {
        this.base = base;
    }

    Instant now() {
        return base.instant().plus(offset.get());
    }

    void advance(Duration d) {
        offset.accumulateAndGet(d, Duration::plus);
    }

    void reset() {
        offset.set(Duration.ZERO);
    }
}
