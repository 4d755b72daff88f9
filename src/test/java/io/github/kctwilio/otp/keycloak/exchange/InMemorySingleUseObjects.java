package io.github.kctwilio.otp.keycloak.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak's single-use-object store (Infinispan, cluster-wide in a server) in a map, entries living as long as the
 * lifespan given on the test's clock: what the send caps, the disabled channels and the strangers' verifications
 * keep there behaves as it would in one Keycloak node.
 */
public final class InMemorySingleUseObjects implements SingleUseObjectProvider {

    private record Entry(Map<String, String> notes, Instant expires) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Clock clock;

    public InMemorySingleUseObjects(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new Entry(notes == null ? Map.of() : Map.copyOf(notes), clock.instant().plusSeconds(lifespanSeconds)));
    }

    @Override
    public synchronized Map<String, String> get(String key) {
        return live(key).map(Entry::notes).orElse(null);
    }

    @Override
    public synchronized Map<String, String> remove(String key) {
        Optional<Entry> entry = live(key);
        entries.remove(key);
        return entry.map(Entry::notes).orElse(null);
    }

    @Override
    public synchronized boolean replace(String key, Map<String, String> notes) {
        Optional<Entry> entry = live(key);
        entry.ifPresent(old -> entries.put(key, new Entry(Map.copyOf(notes), old.expires())));
        return entry.isPresent();
    }

    @Override
    public synchronized boolean putIfAbsent(String key, long lifespanInSeconds) {
        if (live(key).isPresent()) {
            return false;
        }
        put(key, lifespanInSeconds, null);
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        return live(key).isPresent();
    }

    /** The keys stored and not expired, for tests that check what the store holds (never a number in clear). */
    public synchronized Set<String> keys() {
        return entries.keySet().stream().filter(key -> live(key).isPresent()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private Optional<Entry> live(String key) {
        return Optional.ofNullable(entries.get(key)).filter(entry -> clock.instant().isBefore(entry.expires()));
    }
}
