package io.github.kctwilio.otp.limits;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A SlotStore with Keycloak's putIfAbsent-with-TTL semantics, on a clock the test controls. */
final class InMemorySlotStore implements SlotStore {

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Supplier<Instant> clock;

    InMemorySlotStore(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String key, long ttlSeconds) {
        Instant now = clock.get();
        Instant expiry = now.plusSeconds(ttlSeconds);
        Instant previous = expiries.compute(key, (k, old) -> old == null || !old.isAfter(now) ? expiry : old);
        return previous == expiry;
    }

    @Override
    public void release(String key) {
        expiries.remove(key);
    }

    Map<String, Instant> keys() {
        return Map.copyOf(expiries);
    }
}
