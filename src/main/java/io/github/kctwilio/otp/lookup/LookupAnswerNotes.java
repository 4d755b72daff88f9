package io.github.kctwilio.otp.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link LookupAnswer} as string notes, the shape Keycloak's cluster-wide stores keep, so that a number is looked up
 * once for the whole cluster. Each package asked for is one note, {@code <epoch millis>:answered:<value>} or
 * {@code <epoch millis>:failed:<error code or nothing>}. The number itself is the store's key, never a note.
 */
public final class LookupAnswerNotes {

    static final String VALID = "valid";
    private static final String ANSWERED = "answered";
    private static final String FAILED = "failed";
    private static final String NONE = "-";

    private LookupAnswerNotes() {
    }

    public static Map<String, String> toNotes(LookupAnswer answer) {
        Map<String, String> notes = new HashMap<>();
        notes.put(VALID, Boolean.toString(answer.valid()));
        put(notes, LookupPackage.LINE_TYPE, answer.lineType(), LineType::wireName);
        put(notes, LookupPackage.SMS_PUMPING_RISK, answer.smsPumpingRisk(), String::valueOf);
        put(notes, LookupPackage.SIM_SWAP, answer.simSwap(), LookupAnswerNotes::simSwapNote);
        return notes;
    }

    /** Empty when the notes are not an answer this version wrote (the number is then looked up again). */
    public static Optional<LookupAnswer> fromNotes(Map<String, String> notes) {
        if (notes == null || notes.get(VALID) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LookupAnswer(
                    Boolean.parseBoolean(notes.get(VALID)),
                    get(notes, LookupPackage.LINE_TYPE, text -> LineType.fromWireName(text).orElseThrow()),
                    get(notes, LookupPackage.SMS_PUMPING_RISK, Integer::valueOf),
                    get(notes, LookupPackage.SIM_SWAP, LookupAnswerNotes::parseSimSwap)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static <T> void put(Map<String, String> notes, LookupPackage which, PackageAnswer<T> part, Function<T, String> text) {
        switch (part.status()) {
            case ANSWERED -> notes.put(which.field(), part.at().toEpochMilli() + ":" + ANSWERED + ":" + text.apply(part.value()));
            case FAILED -> notes.put(which.field(), part.at().toEpochMilli() + ":" + FAILED + ":"
                    + (part.errorCode() == null ? "" : part.errorCode()));
            case NOT_ASKED -> { }
        }
    }

    private static <T> PackageAnswer<T> get(Map<String, String> notes, LookupPackage which, Function<String, T> parse) {
        String note = notes.get(which.field());
        if (note == null) {
            return PackageAnswer.notAsked();
        }
        String[] parts = note.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a package note");
        }
        Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
        return switch (parts[1]) {
            case ANSWERED -> PackageAnswer.answered(parse.apply(parts[2]), at);
            case FAILED -> PackageAnswer.failed(parts[2].isEmpty() ? null : Integer.valueOf(parts[2]), at);
            default -> throw new IllegalArgumentException("not a package note");
        };
    }

    /** {@code <epoch millis or ->,<ISO period or ->,<true, false or ->}. */
    private static String simSwapNote(SimSwap swap) {
        return (swap.lastSwap() == null ? NONE : Long.toString(swap.lastSwap().toEpochMilli())) + ","
                + (swap.swappedPeriod() == null ? NONE : swap.swappedPeriod().toString()) + ","
                + (swap.swappedInPeriod() == null ? NONE : swap.swappedInPeriod().toString());
    }

    private static SimSwap parseSimSwap(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a SIM swap note");
        }
        return new SimSwap(
                NONE.equals(parts[0]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[0])),
                NONE.equals(parts[1]) ? null : Duration.parse(parts[1]),
                NONE.equals(parts[2]) ? null : Boolean.valueOf(parts[2]));
    }
}
