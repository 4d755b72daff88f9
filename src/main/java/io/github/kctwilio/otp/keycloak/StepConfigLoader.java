package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneRules;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.credential.UserPhones;
import io.github.kctwilio.otp.phone.PhonePolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Reads the settings of an execution (or of the required action), with the server-wide defaults and
 * {@code ${vault.key}} references resolved, and the realm's phone-number rules.
 *
 * <p>Parsing them (SID patterns, rate limits, channel and country lists, region checks) is the same work on every
 * request of every login, so the result is kept, keyed by the realm and the content of both configs: an admin's
 * change is a new key and takes effect on the next request. The auth token is looked up in the vault on every
 * request still (a rotated secret must take effect at once), and a cached result is used only while it matches.
 */
final class StepConfigLoader {

    /** Everything a step or action runs with. */
    record Loaded(TwilioOtpConfig config, PhonePolicy policy) {
    }

    /** Configs a server has: a few per realm. The table starts over should edits ever fill it. */
    static final int MAX_CACHED = 256;

    private final ServerSettings server;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    StepConfigLoader(ServerSettings server) {
        this.server = server;
    }

    /** @param values the execution's or the action's config, null when the admin never saved one */
    Loaded load(KeycloakSession session, RealmModel realm, Map<String, String> values) throws ConfigException {
        Map<String, String> actionConfig = UserPhones.actionConfig(realm);
        Key key = new Key(realm.getId(), copy(values), copy(actionConfig));
        Cached cached = cache.get(key);
        if (cached != null && Objects.equals(resolveVault(session, cached.tokenSetting()).orElse(null), cached.resolvedToken())) {
            return cached.loaded();
        }
        String[] token = new String[2];
        TwilioOtpConfig config = TwilioOtpConfig.resolve(values, server, setting -> {
            Optional<String> resolved = resolveVault(session, setting);
            token[0] = setting;
            token[1] = resolved.orElse(null);
            return resolved;
        });
        Loaded loaded = new Loaded(config, PhoneRules.resolve(actionConfig));
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(loaded, token[0], token[1]));
        return loaded;
    }

    /** Configs read so far and kept; for tests. */
    int cachedConfigs() {
        return cache.size();
    }

    private static Map<String, String> copy(Map<String, String> values) {
        return values == null ? null : new HashMap<>(values);
    }

    /** Plain values come back unchanged; a vault reference comes back as its secret, or empty when the vault lacks it. */
    private static Optional<String> resolveVault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get();
        }
    }

    private record Key(String realmId, Map<String, String> values, Map<String, String> actionConfig) {
    }

    /** A loaded config and the auth-token setting it was resolved from (a vault reference or the plain token). */
    private record Cached(Loaded loaded, String tokenSetting, String resolvedToken) {
        @Override
        public String toString() {
            return "Cached[" + loaded.config().credentials() + "]";
        }
    }
}
