package io.github.kctwilio.otp.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Escalating waits between the codes of one sign-in, as large identity services do instead of one fixed cooldown:
 * the first resend after 30 s, the next after 60 s, then 2 and 4 minutes, the last wait repeating. Switching
 * channel ("call me instead") is a resend too. Each wait is stretched by a little jitter (up to
 * {@value #JITTER_PERCENT} %), so scripts cannot time their requests to the second; the jitter is derived from a seed
 * the sign-in keeps (not drawn anew), so a reloaded page shows the same remaining time.
 *
 * @param waits the wait before the 1st, 2nd, … resend; the last one applies to every later resend
 */
public record ResendSchedule(List<Duration> waits) {

    public static final String DEFAULT = "30s, 60s, 2m, 4m";
    public static final int JITTER_PERCENT = 10;
    /** Longer lists are a typo; the last wait repeats anyway. */
    public static final int MAX_STEPS = 10;
    public static final Duration MAX_WAIT = Duration.ofHours(1);
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|,");

    public ResendSchedule {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("no wait");
        }
        waits = List.copyOf(waits);
    }

    /**
     * Parses {@code 30s, 60s, 2m, 4m} (also as the admin console stores a multi-valued list, {@code 30s##60s}); each
     * wait from 0 s to {@link #MAX_WAIT}, at most {@link #MAX_STEPS} of them, none shorter than the one before.
     *
     * @return empty when the text is none of that
     */
    public static Optional<ResendSchedule> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Duration> waits = new ArrayList<>();
        for (String item : LIST_SEPARATOR.split(text.trim())) {
            if (item.isBlank()) {
                continue;
            }
            Optional<Duration> wait = DurationText.parse(item);
            if (wait.isEmpty() || wait.get().compareTo(MAX_WAIT) > 0
                    || (!waits.isEmpty() && wait.get().compareTo(waits.get(waits.size() - 1)) < 0)) {
                return Optional.empty();
            }
            waits.add(wait.get());
        }
        return waits.isEmpty() || waits.size() > MAX_STEPS ? Optional.empty() : Optional.of(new ResendSchedule(waits));
    }

    /**
     * The wait before the {@code resend}-th resend of a sign-in (1 for the first code after the first send), jitter
     * included.
     *
     * @param seed kept by the sign-in, so the same resend always waits the same
     */
    public Duration waitBefore(int resend, long seed) {
        if (resend < 1) {
            throw new IllegalArgumentException("resends count from 1: " + resend);
        }
        Duration base = waits.get(Math.min(resend, waits.size()) - 1);
        long jitterMillis = base.toMillis() * JITTER_PERCENT / 100 * jitterFraction(seed, resend) / 1000;
        return base.plusMillis(jitterMillis);
    }

    /**
     * Whole seconds the page shows until the next resend may be asked for, rounded up (0: now).
     *
     * @param resendsSoFar codes of this sign-in after its first (a channel switch counts)
     * @param lastSent     when the latest code of this sign-in went out
     */
    public long secondsLeft(int resendsSoFar, Instant lastSent, long seed, Instant now) {
        Instant allowed = lastSent.plus(waitBefore(resendsSoFar + 1, seed));
        long millis = Duration.between(now, allowed).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** 0 to 1000 per mille, a fixed function of seed and step (SplitMix64's finaliser: well spread, cheap). */
    private static long jitterFraction(long seed, int step) {
        long z = seed + step * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return Math.floorMod(z, 1001L);
    }
}
