package io.github.kctwilio.otp.limits;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as admins write them in settings: {@code 30s}, {@code 2m}, {@code 4h}, {@code 7d}, or ISO-8601 ({@code PT48H}). */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,7})\\s*([smhd])");

    private DurationText() {
    }

    /** Empty for anything else, and for a negative ISO duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            return Optional.of(of(Long.parseLong(m.group(1)), m.group(2)));
        }
        if (value.startsWith("p")) {
            try {
                Duration iso = Duration.parse(value.toUpperCase(Locale.ROOT));
                return iso.isNegative() ? Optional.empty() : Optional.of(iso);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @param unit one of s, m, h, d */
    static Duration of(long amount, String unit) {
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
