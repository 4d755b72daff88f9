package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.limits.RateLimit;
import java.util.Map;
import java.util.Optional;

/**
 * The realm-wide ceiling on sends anyone can cause, a realm rule set on the required action "Verify phone number"
 * ({@link Setting#REALM_SEND_LIMIT}): one value per realm, whichever flow or execution sends.
 */
public final class RealmSendLimit {

    private RealmSendLimit() {
    }

    /**
     * @param actionConfig the config of the required action "Verify phone number"; null when the admin never saved one
     * @throws ConfigException naming the setting when it is malformed
     */
    public static RateLimit resolve(Map<String, String> actionConfig) throws ConfigException {
        Optional<RateLimit> limit = RateLimit.parse(Setting.REALM_SEND_LIMIT.in(actionConfig), RateLimit.MAX_REALM_COUNT);
        if (limit.isEmpty()) {
            throw new ConfigException(Setting.REALM_SEND_LIMIT.key(),
                    "must look like 300/1h (count up to " + RateLimit.MAX_REALM_COUNT + " per s, m, h or d; up to 7 days), or 0 for no limit");
        }
        return limit.get();
    }
}
