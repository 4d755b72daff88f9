package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.phone.PhonePolicy;
import io.github.kctwilio.otp.phone.PhonePolicy.ExistingNumbers;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the realm's phone-number rules from the settings of the required action "Verify phone number" (admin console,
 * Authentication, Required actions, gear): every step, the required action and the signup check follow the same.
 */
public final class PhoneRules {

    /** Attribute names Keycloak's user profile accepts; anything else is a typo the admin should hear about. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|[,\\s]+");

    private PhoneRules() {
    }

    /**
     * @param values the required action's config; null when the admin never saved one
     * @throws ConfigException naming the first setting that is malformed
     */
    public static PhonePolicy resolve(Map<String, String> values) throws ConfigException {
        return new PhonePolicy(
                attribute(Setting.PHONE_ATTRIBUTE, values),
                attribute(Setting.VERIFIED_ATTRIBUTE, values),
                SettingValues.choice(Setting.EXISTING_NUMBERS, values, ExistingNumbers.class),
                countries(Setting.ALLOWED_COUNTRIES.in(values)),
                numbersPerUser(Setting.NUMBERS_PER_USER.in(values)));
    }

    private static int numbersPerUser(String value) throws ConfigException {
        return switch (value.trim()) {
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new ConfigException(Setting.NUMBERS_PER_USER.key(), "must be 1 or 2");
        };
    }

    private static String attribute(Setting setting, Map<String, String> values) throws ConfigException {
        String value = setting.in(values).trim();
        if (!ATTRIBUTE_NAME.matcher(value).matches()) {
            throw new ConfigException(setting.key(), "must be a user attribute name such as " + setting.defaultValue());
        }
        return value;
    }

    /** As the admin console stores a multi-valued list ("US##CA"); commas and spaces work too. */
    private static Set<String> countries(String value) throws ConfigException {
        Set<String> countries = new TreeSet<>();
        if (isBlank(value)) {
            return countries;
        }
        for (String code : LIST_SEPARATOR.split(value)) {
            if (code.isBlank()) {
                continue;
            }
            if (!PhoneNumbers.isSupportedRegion(code)) {
                throw new ConfigException(Setting.ALLOWED_COUNTRIES.key(), "may only list two-letter country codes such as US or DE");
            }
            countries.add(code.trim().toUpperCase(Locale.ROOT));
        }
        return countries;
    }
}
