package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.limits.ResendSchedule;
import java.util.Map;

/** The setting {@value #RESEND_WAITS}: the escalating waits between the codes of one sign-in. */
public final class ResendWaits {

    public static final String RESEND_WAITS = "resendWaits";

    private ResendWaits() {
    }

    /**
     * @param values the config holding the setting; null when the admin never saved one
     * @throws ConfigException when the list is malformed
     */
    public static ResendSchedule resolve(Map<String, String> values) throws ConfigException {
        String value = values == null ? null : values.get(RESEND_WAITS);
        return ResendSchedule.parse(isBlank(value) ? ResendSchedule.DEFAULT : value)
                .orElseThrow(() -> new ConfigException(RESEND_WAITS, "must list up to " + ResendSchedule.MAX_STEPS
                        + " waits such as " + ResendSchedule.DEFAULT + " (each up to 1h, none shorter than the one before)"));
    }
}
