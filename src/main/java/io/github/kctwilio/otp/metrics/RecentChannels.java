package io.github.kctwilio.otp.metrics;

import io.github.kctwilio.otp.verify.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channel of each verification this node started, for as long as Twilio keeps a code (10 minutes), so that
 * checks can be counted by channel. Only a label for metrics: a check whose send this node did not see (another
 * cluster node, a restart, a full table) is counted with channel "unknown", nothing else changes.
 */
final class RecentChannels {

    /** Twilio's code lifetime plus a minute for slow users and clock skew. */
    static final Duration LIFETIME = Duration.ofMinutes(11);
    /** A bound on memory (about 100 bytes an entry) should sends ever outrun expiry. */
    static final int MAX_ENTRIES = 50_000;
    private static final int PURGE_EVERY = 1024;

    private final Map<String, Remembered> bySid = new ConcurrentHashMap<>();
    private final AtomicLong remembered = new AtomicLong();
    private final Clock clock;

    RecentChannels(Clock clock) {
        this.clock = clock;
    }

    void remember(String verificationSid, Channel channel) {
        if (verificationSid == null) {
            return;
        }
        Instant now = clock.instant();
        if (remembered.incrementAndGet() % PURGE_EVERY == 0 || bySid.size() >= MAX_ENTRIES) {
            bySid.values().removeIf(entry -> entry.expired(now));
        }
        if (bySid.size() < MAX_ENTRIES || bySid.containsKey(verificationSid)) {
            bySid.put(verificationSid, new Remembered(channel, now.plus(LIFETIME)));
        }
    }

    Optional<Channel> channelOf(String verificationSid) {
        Remembered entry = verificationSid == null ? null : bySid.get(verificationSid);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expired(clock.instant())) {
            bySid.remove(verificationSid, entry);
            return Optional.empty();
        }
        return Optional.of(entry.channel());
    }

    void forget(String verificationSid) {
        if (verificationSid != null) {
            bySid.remove(verificationSid);
        }
    }

    int size() {
        return bySid.size();
    }

    private record Remembered(Channel channel, Instant expires) {
        boolean expired(Instant now) {
            return !now.isBefore(expires);
        }
    }
}
