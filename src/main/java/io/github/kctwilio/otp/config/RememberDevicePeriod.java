package io.github.kctwilio.otp.config;

import java.time.Duration;
import java.util.Map;

/** "Remember this device": how long a device may skip the code after an approved one, from a step's settings. */
public final class RememberDevicePeriod {

    /** A year: beyond it, who uses a device has too likely changed. */
    public static final int MAX_DAYS = 365;

    private RememberDevicePeriod() {
    }

    /**
     * @param settings the execution's settings; null when the admin never saved any
     * @return the period; zero when the step never remembers a device (the default)
     */
    public static Duration of(Map<String, String> settings) throws ConfigException {
        return Duration.ofDays(SettingValues.wholeNumber(Setting.REMEMBER_DEVICE_DAYS, settings == null ? Map.of() : settings,
                MAX_DAYS, "a number of days (0: never remember)"));
    }
}
