package io.github.kctwilio.otp.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "At most {@code count} sends per {@code window}", written by admins as {@code 5/1h}, {@code 10/30m},
 * {@code 20/24h}; {@code 0} switches the limit off.
 */
public record RateLimit(int count, Duration window) {

    public static final RateLimit OFF = new RateLimit(0, Duration.ZERO);

    /** Most sends one number, account or address may be allowed per window. */
    public static final int MAX_COUNT = 1000;
    /** Most sends a realm-wide ceiling may allow per window (each send is one slot key in the store). */
    public static final int MAX_REALM_COUNT = 100_000;
    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,6})\\s*/\\s*(\\d{1,5})\\s*([smhd])");

    public boolean isOff() {
        return count == 0;
    }

    /** Empty when the text is not of the form {@code N/<number><s|m|h|d>} within bounds, or {@code 0}. */
    public static Optional<RateLimit> parse(String text) {
        return parse(text, MAX_COUNT);
    }

    /** As {@link #parse(String)}, with counts up to {@code maxCount}. */
    public static Optional<RateLimit> parse(String text, int maxCount) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Optional.of(OFF);
        }
        Matcher m = SYNTAX.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int count = Integer.parseInt(m.group(1));
        long amount = Long.parseLong(m.group(2));
        Duration window = DurationText.of(amount, m.group(3));
        if (count < 1 || count > maxCount || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            return Optional.empty();
        }
        return Optional.of(new RateLimit(count, window));
    }

    @Override
    public String toString() {
        return isOff() ? "0" : count + "/" + window.toSeconds() + "s";
    }
}
