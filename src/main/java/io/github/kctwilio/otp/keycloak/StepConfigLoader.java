package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/** Reads an execution's settings, with the server-wide defaults and {@code ${vault.key}} references resolved. */
final class StepConfigLoader {

    private final ServerSettings server;

    StepConfigLoader(ServerSettings server) {
        this.server = server;
    }

    /** @param config the execution's config, null when the admin never saved one */
    TwilioOtpConfig load(KeycloakSession session, AuthenticatorConfigModel config) throws ConfigException {
        Map<String, String> values = config == null ? null : config.getConfig();
        return TwilioOtpConfig.resolve(values, server, value -> resolveVault(session, value));
    }

    /** Plain values come back unchanged; a vault reference comes back as its secret, or empty when the vault lacks it. */
    private static Optional<String> resolveVault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get();
        }
    }
}
