package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.limits.SlotStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Slots in Keycloak's single-use-object store: Infinispan-backed and shared by every node of a cluster, with an
 * atomic putIfAbsent, so send limits hold whichever node a request reaches.
 */
final class SingleUseObjectSlots implements SlotStore {

    private final SingleUseObjectProvider store;

    SingleUseObjectSlots(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    @Override
    public boolean claim(String key, long ttlSeconds) {
        return store.putIfAbsent(key, Math.max(1, ttlSeconds));
    }

    @Override
    public void release(String key) {
        store.remove(key);
    }
}
