package io.github.kctwilio.otp.keycloak.store;

import java.util.Optional;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's HMAC keys (HS512), which Keycloak creates in every realm, keeps in the database and shares across the
 * cluster: the secrets the plugin derives its own keys from. Never used as they are.
 */
public final class RealmHmacKeys {

    private RealmHmacKeys() {
    }

    /** @throws IllegalStateException when the realm has no usable active HMAC key */
    public static KeyWrapper active(KeycloakSession session, RealmModel realm) {
        KeyWrapper key;
        try {
            key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        } catch (RuntimeException e) {
            throw new IllegalStateException("no active HS512 key", e);
        }
        return usable(key).orElseThrow(() -> new IllegalStateException("no active HS512 key"));
    }

    /** An enabled HMAC key of the realm (active or passive) by its id; empty when the realm has none of that id. */
    public static Optional<KeyWrapper> byId(KeycloakSession session, RealmModel realm, String kid) {
        return usable(session.keys().getKey(realm, kid, KeyUse.SIG, Algorithm.HS512));
    }

    private static Optional<KeyWrapper> usable(KeyWrapper key) {
        return key == null || key.getSecretKey() == null || key.getSecretKey().getEncoded() == null ? Optional.empty() : Optional.of(key);
    }
}
