package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.phone.PhoneNumbers;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the registration form action "Twilio OTP: phone number at signup".
 *
 * @param phoneRequired a blank number refuses the registration; when false, an account may be created without a
 *                      number (and is then not asked to verify one)
 * @param defaultRegion ISO 3166 region for numbers typed without a country code; null: they must start with +
 */
public record SignupSettings(boolean phoneRequired, String defaultRegion) {

    public static final String PHONE_REQUIRED = "phoneRequired";

    /**
     * @param own    the form action's config; null when the admin never saved one
     * @param action the config of the required action "Verify phone number"; null when it has none. Its default region
     *               applies when the form action sets none, so a number is read the same at signup and in the action.
     * @throws ConfigException naming the first setting that is malformed
     */
    public static SignupSettings resolve(Map<String, String> own, Map<String, String> action) throws ConfigException {
        Map<String, String> mine = own == null ? Map.of() : own;
        Map<String, String> actions = action == null ? Map.of() : action;
        String region = isBlank(mine.get(ExecutionSettings.DEFAULT_REGION)) ? actions.get(ExecutionSettings.DEFAULT_REGION)
                : mine.get(ExecutionSettings.DEFAULT_REGION);
        return new SignupSettings(required(mine.get(PHONE_REQUIRED)), region(region));
    }

    private static boolean required(String value) throws ConfigException {
        if (isBlank(value)) {
            return true; // the safe default: every new account has a number it proved
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(PHONE_REQUIRED, "must be true or false");
        };
    }

    private static String region(String value) throws ConfigException {
        if (isBlank(value)) {
            return null;
        }
        if (!PhoneNumbers.isSupportedRegion(value)) {
            throw new ConfigException(ExecutionSettings.DEFAULT_REGION, "must be a two-letter region code such as US or DE");
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
