package io.github.kctwilio.otp.keycloak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;

class KeycloakClockTest {

    @AfterEach
    void wallClock() {
        Time.setOffset(0);
    }

    @Test
    void followsKeycloakTimeOffsetAsKeycloakSessionsDo() {
        Instant before = KeycloakClock.UTC.instant();
        Time.setOffset((int) Duration.ofMinutes(11).toSeconds());

        assertThat(Duration.between(before, KeycloakClock.UTC.instant())).isBetween(Duration.ofMinutes(11), Duration.ofMinutes(12));
        assertThat(KeycloakClock.UTC.millis()).isCloseTo(Time.currentTimeMillis(), within(1000L));
    }

    @Test
    void inAnotherZoneTheSameInstants() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(KeycloakClock.UTC.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(KeycloakClock.UTC.withZone(paris).getZone()).isEqualTo(paris);
        assertThat(KeycloakClock.UTC.withZone(ZoneOffset.UTC)).isSameAs(KeycloakClock.UTC);
        assertThat(Duration.between(KeycloakClock.UTC.instant(), KeycloakClock.UTC.withZone(paris).instant()).abs())
                .isLessThan(Duration.ofSeconds(1));
    }
}
