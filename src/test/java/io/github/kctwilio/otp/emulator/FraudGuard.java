package io.github.kctwilio.otp.emulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twilio's Fraud Guard as far as a client can see it: SMS to a blocked prefix is refused with 403 / 60410 (Twilio
 * blocks a prefix for 12 hours once it sees pumping there); {@code RiskCheck=disable} bypasses it.
 */
final class FraudGuard {

    private final Set<String> blockedPrefixes = ConcurrentHashMap.newKeySet();

    void block(String prefix) {
        blockedPrefixes.add(prefix);
    }

    /** @throws TwilioError 403 / 60410 when this SMS would go to a blocked prefix and the risk check is on */
    void check(String to, String channel, String riskCheck) {
        if ("sms".equals(channel) && !"disable".equals(riskCheck) && blockedPrefixes.stream().anyMatch(to::startsWith)) {
            throw TwilioError.of(403, 60410);
        }
    }

    void clear() {
        blockedPrefixes.clear();
    }
}
