package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.phone.PhoneNumbers;
import java.util.Locale;
import java.util.Map;

/**
 * How the settings of the admin console's gears are read: choices, switches, regions. Case-insensitive; a blank value
 * is the setting's default ({@link Setting#in}).
 */
final class SettingValues {

    private SettingValues() {
    }

    /** One of the setting's options, as the constant of that name. */
    static <E extends Enum<E>> E choice(Setting setting, Map<String, String> values, Class<E> type) throws ConfigException {
        try {
            return Enum.valueOf(type, setting.in(values).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.key(), "must be " + String.join(" or ", setting.options()));
        }
    }

    /** A switch: true or false. */
    static boolean flag(Setting setting, Map<String, String> values) throws ConfigException {
        switch (setting.in(values).trim().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new ConfigException(setting.key(), "must be true or false");
        }
    }

    /** A two-letter region libphonenumber knows (US, DE), upper case; null when blank. */
    static String region(Setting setting, String value) throws ConfigException {
        if (ServerSettings.isBlank(value)) {
            return null;
        }
        if (!PhoneNumbers.isSupportedRegion(value)) {
            throw new ConfigException(setting.key(), "must be a two-letter region code such as US or DE");
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }

    /** A whole number from 0 to {@code max}; {@code what} says what it counts, for the message. */
    static int wholeNumber(Setting setting, Map<String, String> own, int max, String what) throws ConfigException {
        try {
            int parsed = Integer.parseInt(setting.in(own).trim());
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(setting.key(), "must be " + what + " from 0 to " + max);
    }
}
