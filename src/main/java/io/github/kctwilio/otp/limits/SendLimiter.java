package io.github.kctwilio.otp.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Enforces the per-number, per-user and per-IP caps in cluster-wide storage.
 * <p>
 * The store offers an atomic put-if-absent with a time to live, but no atomic counter, so "N per window" is N
 * numbered slot keys per fixed window: a send takes the first free slot of each cap, or is refused when every
 * slot of a cap is taken. Fixed windows can let up to 2N through around a window boundary; that is the price of
 * needing no counter. Keys hold hashes of phone numbers and IP addresses, never the values.
 */
public final class SendLimiter {

    private static final String PREFIX = "twilio-otp:sends:";

    private final SlotStore store;

    public SendLimiter(SlotStore store) {
        this.store = store;
    }

    /**
     * Takes one slot of each cap for a send, or none at all.
     *
     * @param scope  keeps realms apart (the realm id)
     * @param number E.164 number the code goes to
     * @param userId account asking
     * @param ip     client address; null when unknown (that cap is then skipped)
     */
    public Permit tryAcquire(SendLimits limits, String scope, String number, String userId, String ip, Instant now) {
        List<String> taken = new ArrayList<>(3);
        Optional<LimitHit> hit = take(limits.perNumber(), "number", scope, number, now, taken)
                .or(() -> take(limits.perUser(), "user", scope, userId, now, taken))
                .or(() -> ip == null ? Optional.empty() : take(limits.perIp(), "ip", scope, ip, now, taken));
        Permit permit = new Permit(hit, List.copyOf(taken));
        if (hit.isPresent()) {
            // A refused send must not use up the caps that did let it through.
            permit.giveBack();
        }
        return permit;
    }

    /** The outcome of {@link #tryAcquire}: a refusal, or the slots taken for the send. */
    public final class Permit {
        private final Optional<LimitHit> refusal;
        private final List<String> keys;

        private Permit(Optional<LimitHit> refusal, List<String> keys) {
            this.refusal = refusal;
            this.keys = keys;
        }

        /** The cap that refused the send; empty when it may go ahead. */
        public Optional<LimitHit> refusal() {
            return refusal;
        }

        /** Frees the slots again, for a send that never reached anyone (Twilio was down, say). */
        public void giveBack() {
            keys.forEach(store::release);
        }
    }

    private Optional<LimitHit> take(RateLimit limit, String name, String scope, String subject, Instant now, List<String> taken) {
        if (limit.isOff()) {
            return Optional.empty();
        }
        long windowSeconds = limit.window().toSeconds();
        long epochSecond = now.getEpochSecond();
        long window = epochSecond / windowSeconds;
        long secondsLeft = (window + 1) * windowSeconds - epochSecond;
        String base = PREFIX + name + ":" + hash(scope, subject) + ":" + window + ":";
        for (int slot = 0; slot < limit.count(); slot++) {
            String key = base + slot;
            if (store.claim(key, secondsLeft)) {
                taken.add(key);
                return Optional.empty();
            }
        }
        return Optional.of(new LimitHit(name, Duration.ofSeconds(secondsLeft)));
    }

    /** SHA-256 of scope and subject: keys say nothing about the number or address they count. */
    static String hash(String scope, String subject) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] bytes = digest.digest((scope + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(bytes, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
