package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.limits.ResendSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The setting Resend waits ({@link Setting#RESEND_WAITS}): the escalating waits between the codes of one sign-in. It
 * replaces the one fixed Resend cooldown ({@link Setting#RESEND_COOLDOWN_SECONDS}), which a config saved before may
 * still hold: where Resend waits is blank, that cooldown is read as a list of one wait, so such a config behaves as it
 * did until the admin sets the waits.
 */
public final class ResendWaits {

    /** The old cooldown's range. */
    static final int MAX_COOLDOWN_SECONDS = 600;

    private ResendWaits() {
    }

    /**
     * @param values the config holding the setting; null when the admin never saved one
     * @throws ConfigException when the list (or, read in its place, the old cooldown) is malformed
     */
    public static ResendSchedule resolve(Map<String, String> values) throws ConfigException {
        Map<String, String> own = values == null ? Map.of() : values;
        String cooldown = Setting.RESEND_COOLDOWN_SECONDS.in(own);
        if (isBlank(own.get(Setting.RESEND_WAITS.key())) && cooldown != null) {
            return new ResendSchedule(List.of(Duration.ofSeconds(cooldownSeconds(cooldown))));
        }
        return ResendSchedule.parse(Setting.RESEND_WAITS.in(own))
                .orElseThrow(() -> new ConfigException(Setting.RESEND_WAITS.key(), "must list up to " + ResendSchedule.MAX_STEPS
                        + " waits such as " + ResendSchedule.DEFAULT + " (each up to 1h, none shorter than the one before)"));
    }

    private static int cooldownSeconds(String value) throws ConfigException {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 0 && seconds <= MAX_COOLDOWN_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(Setting.RESEND_COOLDOWN_SECONDS.key(), "must be a number of seconds from 0 to "
                + MAX_COOLDOWN_SECONDS + ", or blank (it is replaced by " + Setting.RESEND_WAITS.key() + ")");
    }
}
