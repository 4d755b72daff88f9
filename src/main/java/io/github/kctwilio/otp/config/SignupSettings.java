package io.github.kctwilio.otp.config;

import java.util.Map;

/**
 * Settings of the registration form action "Twilio OTP: phone number at signup".
 *
 * @param phoneRequired a blank number refuses the registration; when false, an account may be created without a
 *                      number (and is then not asked to verify one)
 * @param defaultRegion ISO 3166 region for numbers typed without a country code; null: they must start with +
 */
public record SignupSettings(boolean phoneRequired, String defaultRegion) {

    /**
     * @param own    the form action's config; null when the admin never saved one
     * @param action the config of the required action "Verify phone number"; null when it has none. Its default region
     *               applies when the form action sets none, so a number is read the same at signup and in the action.
     * @throws ConfigException naming the first setting that is malformed
     */
    public static SignupSettings resolve(Map<String, String> own, Map<String, String> action) throws ConfigException {
        String region = ServerSettings.firstNonBlank(Setting.SIGNUP_DEFAULT_REGION.in(own), Setting.DEFAULT_REGION.in(action));
        return new SignupSettings(SettingValues.flag(Setting.PHONE_REQUIRED, own),
                SettingValues.region(Setting.SIGNUP_DEFAULT_REGION, region));
    }
}
