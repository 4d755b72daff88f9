package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.keycloak.credential.UserPhones;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhonePolicy;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Reads the settings of an execution (or of the required action), with the server-wide defaults and
 * {@code ${vault.key}} references resolved, and the realm's phone-number rules.
 */
final class StepConfigLoader {

    /** Everything a step or action runs with. */
    record Loaded(TwilioOtpConfig config, PhonePolicy policy) {
    }

    private final ServerSettings server;

    StepConfigLoader(ServerSettings server) {
        this.server = server;
    }

    /** @param values the execution's or the action's config, null when the admin never saved one */
    Loaded load(KeycloakSession session, RealmModel realm, Map<String, String> values) throws ConfigException {
        return new Loaded(TwilioOtpConfig.resolve(values, server, value -> resolveVault(session, value)), UserPhones.policy(realm));
    }

    /** Plain values come back unchanged; a vault reference comes back as its secret, or empty when the vault lacks it. */
    private static Optional<String> resolveVault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get();
        }
    }
}
