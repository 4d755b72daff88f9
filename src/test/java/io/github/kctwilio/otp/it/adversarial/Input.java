package io.github.kctwilio.otp.it.adversarial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One adversarial form post: a label for the report and the fields, in order (a List value repeats the field).
 *
 * @param field the field whose first value the step reads ({@code phoneNumber} or {@code code})
 */
public record Input(String label, Map<String, Object> fields, String field) {

    public static Input of(String field, String label, String value) {
        return new Input(label, Map.of(field, value), field);
    }

    public static Input fields(String field, String label, Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Input(label, fields, field);
    }

    /** What the step reads: the first value of its field, or null when the field is missing. */
    public String value() {
        Object value = fields.get(field);
        if (value instanceof List<?> values) {
            return values.isEmpty() ? null : String.valueOf(values.get(0));
        }
        return value == null ? null : String.valueOf(value);
    }

    public boolean unicodeDigits() {
        return fields.values().stream()
                .flatMap(v -> v instanceof List<?> l ? l.stream() : java.util.stream.Stream.of(v))
                .anyMatch(v -> InputRules.hasUnicodeDigits(String.valueOf(v)));
    }
}
