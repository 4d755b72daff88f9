package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

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
        // Required by default, the safe choice: every new account has a number it proved.
        return new SignupSettings(SettingValues.flag(PHONE_REQUIRED, mine.get(PHONE_REQUIRED), true),
                SettingValues.region(ExecutionSettings.DEFAULT_REGION, region));
    }
}
