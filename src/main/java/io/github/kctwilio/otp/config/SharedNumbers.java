package io.github.kctwilio.otp.config;

import java.util.Map;

/**
 * The realm rule "One account per phone number" ({@code oneAccountPerNumber}, a realm rule of the
 * required action "Verify phone number"): a number another account already holds is refused when a user enrols it.
 * Phone sign-in needs it, since a number held by several accounts cannot say whose sign-in it is; it refuses to run
 * without it.
 */
public final class SharedNumbers {

    private SharedNumbers() {
    }

    /**
     * @param actionConfig the required action's config; null when the admin never saved one
     * @throws ConfigException when the setting is not true or false
     */
    public static boolean refused(Map<String, String> actionConfig) throws ConfigException {
        return SettingValues.flag(Setting.ONE_ACCOUNT_PER_NUMBER, actionConfig);
    }
}
