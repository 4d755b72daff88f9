package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.phone.PhoneNumbers;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the settings of the admin console's gears are read: choices, switches, regions. Case-insensitive. */
final class SettingValues {

    private SettingValues() {
    }

    /** One of a few words (a list setting), as the constant of that name. */
    static <E extends Enum<E>> E choice(String setting, String value, Class<E> type, E defaultValue) throws ConfigException {
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


    /** A switch: true or false. */
    static boolean flag(String setting, String value, boolean defaultValue) throws ConfigException {
        if (ServerSettings.isBlank(value)) {
            return defaultValue;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new ConfigException(setting, "must be true or false");
        }
    }

    /** A two-letter region libphonenumber knows (US, DE), upper case; null when blank. */
    static String region(String setting, String value) throws ConfigException {
        if (ServerSettings.isBlank(value)) {
            return null;
        }
        if (!PhoneNumbers.isSupportedRegion(value)) {
            throw new ConfigException(setting, "must be a two-letter region code such as US or DE");
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
