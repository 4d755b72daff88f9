package io.github.kctwilio.otp.limits;

/**
 * Cluster-wide storage of claimed slots. Implementations must make {@link #claim} atomic across all nodes
 * (Keycloak's single-use-object store does), so that two nodes can never both take the same slot.
 */
public interface SlotStore {

    /** Takes the key for {@code ttlSeconds} if nobody holds it; false when it is taken. */
    boolean claim(String key, long ttlSeconds);

    /** True while somebody holds the key; only a hint, read without taking anything. */
    boolean isTaken(String key);

    /** Gives a key back, for a claim that turned out not to be needed. */
    void release(String key);
}
