package io.github.kctwilio.otp.keycloak.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.keycloak.common.util.Time;

/**
 * Keycloak's own clock ({@link Time}): the wall clock plus the offset that only Keycloak's test tools set (zero in
 * service). Twilio's ten minutes, the resend waits and the send windows then run on the same time as Keycloak's
 * authentication sessions and brute-force protection, so a test that moves the server's time moves them all together.
 */
public final class KeycloakClock extends Clock {

    public static final KeycloakClock UTC = new KeycloakClock(ZoneOffset.UTC);

    private final ZoneId zone;

    private KeycloakClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new KeycloakClock(other);
    }

    @Override
    public long millis() {
        return Time.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
