package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.limits.SlotStore;
import io.micrometer.core.instrument.Counter;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Slots in Keycloak's single-use-object store: Infinispan-backed and shared by every node of a cluster, with an
 * atomic putIfAbsent, so send limits hold whichever node a request reaches. Every operation is counted, as the
 * limiter's cost (in a cluster, a call to another node).
 */
public final class SingleUseObjectSlots implements SlotStore {

    private final SingleUseObjectProvider store;
    private final Counter operations;

    public SingleUseObjectSlots(KeycloakSession session, Counter operations) {
        this.store = session.singleUseObjects();
        this.operations = operations;
    }

    @Override
    public boolean claim(String key, long ttlSeconds) {
        operations.increment();
        return store.putIfAbsent(key, Math.max(1, ttlSeconds));
    }

    @Override
    public boolean isTaken(String key) {
        operations.increment();
        return store.contains(key);
    }

    @Override
    public void release(String key) {
        operations.increment();
        store.remove(key);
    }
}
