package io.github.kctwilio.otp.it.hygiene;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Something that must never reach a log line or an event, with the spellings it could take there.
 *
 * @param kind     what it is ("phone number", "code", "auth token"), for the failure message
 * @param name     how the failure message names it (test data only: fictional numbers, emulator codes)
 * @param patterns the spellings to look for
 */
public record Secret(String kind, String name, List<Pattern> patterns) {

    /**
     * A phone number as E.164, URL-encoded E.164, and its national digits as a whole number (bare, or written
     * (415) 555-0134, 415-555-0134, 415 555 0134, 415.555.0134).
     */
    public static Secret phone(String e164) {
        String national = e164.substring(2);
        String area = national.substring(0, 3);
        String exchange = national.substring(3, 6);
        String line = national.substring(6);
        return new Secret("phone number", e164, List.of(
                Pattern.compile(Pattern.quote(e164) + "(?![0-9])"),
                Pattern.compile("%2[Bb]" + Pattern.quote(e164.substring(1)) + "(?![0-9])"),
                Pattern.compile("(?<![0-9_])1?" + national + "(?![0-9_])"),
                Pattern.compile("(?<![0-9])\\(?" + area + "\\)?[ .-]?" + exchange + "[ .-]" + line + "(?![0-9])")));
    }

    /** A code as a whole token: not inside a longer run of letters or digits (UUIDs, timestamps). */
    public static Secret code(String code) {
        return new Secret("code", code, List.of(Pattern.compile("(?<![A-Za-z0-9_])" + code + "(?![A-Za-z0-9_])")));
    }

    /** Anything that matches a regular expression, e.g. a header whatever its value. */
    public static Secret pattern(String kind, String name, String regex) {
        return new Secret(kind, name, List.of(Pattern.compile(regex)));
    }

    /** A secret string anywhere, also inside longer text. */
    public static Secret literal(String kind, String value) {
        return new Secret(kind, value, List.of(Pattern.compile(Pattern.quote(value))));
    }
}
