package io.github.kctwilio.otp.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Settings that take one of a few words (the admin console's list settings), read case-insensitively. */
final class Choices {

    private Choices() {
    }

    static <E extends Enum<E>> E parse(String setting, String value, Class<E> type, E defaultValue) throws ConfigException {
        if (ServerSettings.isBlank(value)) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String words = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" or "));
            throw new ConfigException(setting, "must be " + words);
        }
    }

}
