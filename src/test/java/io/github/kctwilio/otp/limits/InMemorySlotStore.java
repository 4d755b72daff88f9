package io.github.kctwilio.otp.limits;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A SlotStore with Keycloak's putIfAbsent-with-TTL semantics, on a clock the test controls, counting its operations
 * (each would be a cache operation, in a cluster possibly a call to another node). Thread-safe; several limiters
 * (nodes) may share one.
 */
final class InMemorySlotStore implements SlotStore {

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Supplier<Instant> clock;
    private final AtomicInteger operations = new AtomicInteger();

    InMemorySlotStore(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String key, long ttlSeconds) {
        operations.incrementAndGet();
        Instant now = clock.get();
        Instant expiry = now.plusSeconds(ttlSeconds);
        Instant previous = expiries.compute(key, (k, old) -> old == null || !old.isAfter(now) ? expiry : old);
        return previous == expiry;
    }

    @Override
    public boolean isTaken(String key) {
        operations.incrementAndGet();
        Instant expiry = expiries.get(key);
        return expiry != null && expiry.isAfter(clock.get());
    }

    @Override
    public void release(String key) {
        operations.incrementAndGet();
        expiries.remove(key);
    }

    Map<String, Instant> keys() {
        return Map.copyOf(expiries);
    }

    /** Operations so far, and starts counting again. */
    int takeOperations() {
        return operations.getAndSet(0);
    }
}
