package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.limits.SubjectHash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The keyed hash of a realm's limiter keys, derived from the realm's active HMAC key (HS512, which Keycloak creates
 * in every realm and keeps in the database): the same on every node of a cluster with no setting to make, and
 * different in every realm. Rotating that key starts the counts of the current windows over, once. Derived once per
 * node and key.
 */
public final class RealmLimiterKeys {

    /** Realms times key rotations one node sees; past it, derivations start over. */
    private static final int MAX_CACHED = 1000;

    private final Map<String, SubjectHash> derived = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when the realm has no usable HMAC key */
    public SubjectHash of(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = RealmHmacKeys.active(session, realm);
        if (derived.size() >= MAX_CACHED) {
            derived.clear();
        }
        return derived.computeIfAbsent(realm.getId() + "/" + key.getKid(), id -> SubjectHash.derivedFrom(key.getSecretKey().getEncoded()));
    }
}
