package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneRules;
import io.github.kctwilio.otp.config.RememberDevicePeriod;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.TwilioAccount;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.phone.PhonePolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Reads the settings a step execution or the required action runs with: its own, the realm's Twilio account where a
 * step leaves it blank (or, for the required action, the account of the step that handed the user over), the
 * server-wide defaults, {@code ${vault.key}} references resolved, and the realm's phone-number rules. The order is
 * {@link TwilioAccount}'s.
 *
 * <p>Parsing them (SID patterns, rate limits, channel and country lists, region checks) is the same work on every
 * request of every login, so the result is kept, keyed by the realm and the content of the configs: an admin's
 * change is a new key and takes effect on the next request. The auth token is looked up in the vault on every
 * request still (a rotated secret must take effect at once), and a cached result is used only while it matches.
 */
public final class StepConfigLoader {

    /** Everything a step or action runs with. */
    public record Loaded(TwilioOtpConfig config, PhonePolicy policy) {
    }

    /** Configs a server has: a few per realm. The table starts over should edits ever fill it. */
    public static final int MAX_CACHED = 256;

    /**
     * Authentication-session note: the id of the step execution that handed the user over to the required action in
     * this sign-in. Only the id: the step's settings (and its Auth Token) stay in the step's config.
     */
    public static final String HANDED_OVER_BY = "twilio-otp.handed-over-by";

    private final ServerSettings server;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    public StepConfigLoader(ServerSettings server) {
        this.server = server;
    }

    /** A step: @param values the execution's config, null when the admin never saved one */
    public Loaded load(KeycloakSession session, RealmModel realm, Map<String, String> values) throws ConfigException {
        RememberDevicePeriod.of(values); // read where used (DeviceMemory); refused here, as any malformed setting of a step
        Map<String, String> actionConfig = UserPhones.actionConfig(realm);
        return load(session, realm, TwilioAccount.over(values, actionConfig), actionConfig);
    }

    /** The required action "Verify phone number", in this sign-in. */
    public Loaded loadForAction(KeycloakSession session, RealmModel realm, AuthenticationSessionModel signIn) throws ConfigException {
        Map<String, String> actionConfig = UserPhones.actionConfig(realm);
        return load(session, realm, TwilioAccount.over(actionConfig, handingStepConfig(realm, signIn)), actionConfig);
    }

    /** The step hands the user over to the required action: it is to find this execution's account. */
    public static void handOver(AuthenticationSessionModel signIn, AuthenticationExecutionModel execution) {
        signIn.setAuthNote(HANDED_OVER_BY, execution.getId());
    }

    /** The config of the Twilio OTP step that handed the user over in this sign-in; null when none did or it is gone. */
    private static Map<String, String> handingStepConfig(RealmModel realm, AuthenticationSessionModel signIn) {
        String executionId = signIn.getAuthNote(HANDED_OVER_BY);
        AuthenticationExecutionModel execution = executionId == null ? null : realm.getAuthenticationExecutionById(executionId);
        if (execution == null || !ProviderIds.STEP.equals(execution.getAuthenticator()) || execution.getAuthenticatorConfig() == null) {
            return null;
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return config == null ? null : config.getConfig();
    }

    /**
     * @param settings     the level's own settings with the account of the other level filled in
     * @param actionConfig the realm's rules (the required action's config)
     */
    private Loaded load(KeycloakSession session, RealmModel realm, Map<String, String> settings,
                        Map<String, String> actionConfig) throws ConfigException {
        Key key = new Key(realm.getId(), settings, copy(actionConfig));
        Cached cached = cache.get(key);
        if (cached != null && Objects.equals(resolveVault(session, cached.tokenSetting()).orElse(null), cached.resolvedToken())) {
            return cached.loaded();
        }
        String[] token = new String[2];
        TwilioOtpConfig config = TwilioOtpConfig.resolve(settings, server, setting -> {
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
    public int cachedConfigs() {
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

    private record Key(String realmId, Map<String, String> settings, Map<String, String> actionConfig) {
    }

    /** A loaded config and the auth-token setting it was resolved from (a vault reference or the plain token). */
    private record Cached(Loaded loaded, String tokenSetting, String resolvedToken) {
        @Override
        public String toString() {
            return "Cached[" + loaded.config().credentials() + "]";
        }
    }
}
