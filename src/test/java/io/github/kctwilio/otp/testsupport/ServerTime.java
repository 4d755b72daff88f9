package io.github.kctwilio.otp.testsupport;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.servertime.ServerTimeResourceFactory;
import java.time.Duration;

/**
 * Moves the time of the test Keycloak (Keycloak's time offset, which the plugin's clock follows) and of the Verify
 * emulator together, so that Twilio's ten minutes pass for Keycloak, the plugin and "Twilio" alike without waiting.
 * Close it (try-with-resources) to put both back: every test class of the run shares this Keycloak, and its sessions,
 * tokens and brute-force locks all follow the offset.
 */
public final class ServerTime implements AutoCloseable {

    private static final String OFFSET = "/realms/master/" + ServerTimeResourceFactory.ID + "/offset";

    private final AdminApi admin;
    private final VerifyEmulator emulator;
    private Duration ahead = Duration.ZERO;

    public ServerTime(AdminApi admin, VerifyEmulator emulator) {
        this.admin = admin;
        this.emulator = emulator;
    }

    /** From now on Keycloak, the plugin and the emulator run this far (whole seconds) ahead of the wall clock. */
    public void aheadBy(Duration offset) {
        admin.send("PUT", OFFSET + "/" + offset.toSeconds(), null);
        emulator.advanceClock(offset.minus(ahead));
        ahead = offset;
    }

    /** How far ahead Keycloak runs, as the server reports it. */
    public Duration serverOffset() {
        return Duration.ofSeconds(Long.parseLong(admin.send("GET", OFFSET, null).body().trim()));
    }

    /** Back to the wall clock, for Keycloak and the emulator. */
    @Override
    public void close() {
        aheadBy(Duration.ZERO);
    }
}
