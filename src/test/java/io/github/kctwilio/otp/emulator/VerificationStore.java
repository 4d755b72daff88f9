package io.github.kctwilio.otp.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The stateful heart of the emulator: verifications, their codes, Twilio's limits and expiry.
 * All methods are synchronized: the HTTP server runs handlers on a thread pool, and the emulator is small
 * enough that one lock is simpler than being clever.
 *
 * <p>Approved and canceled verifications are removed at once, and expired ones when next seen, because
 * Twilio soft-deletes them: from then on every check or fetch answers 404 / 20404.
 */
final class VerificationStore {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_SENDS = 5;
    static final int MAX_CHECKS = 5;

    /** Result of a send: the verification as it now is, and the code that went out. */
    record Sent(Verification.Snapshot verification, SentCode sentCode) {
    }

    private final EmulatorClock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Verification> bySid = new HashMap<>();
    private final Map<String, String> lastCodeByTo = new HashMap<>();

    VerificationStore(EmulatorClock clock) {
        this.clock = clock;
    }

    /**
     * Starts a verification, or re-sends the same code under the same SID while one is active for this
     * service and address (Twilio's documented resend behaviour). Parameters are already validated.
     */
    synchronized Sent send(String serviceSid, String to, String channel, String locale) {
        Instant now = clock.now();
        Verification v = activeFor(serviceSid, to, now).orElse(null);
        if (v == null) {
            v = new Verification(newSid("VE"), serviceSid, to, newCode(), now, now.plus(LIFETIME));
            bySid.put(v.sid, v);
        } else if (v.sendAttempts.size() >= MAX_SENDS) {
            throw TwilioError.of(429, 60203); // refused sends change nothing
        }
        v.channel = channel; // a resend may switch channel (sms -> call); the code stays the same
        v.updated = now;
        v.sendAttempts.add(new Verification.SendAttempt(newSid("VL"), attemptChannelLabel(channel), now));
        lastCodeByTo.put(to, v.code);
        return new Sent(v.snapshot(), new SentCode(to, channel, v.code, v.sid, locale));
    }

    /**
     * Checks a code. Finds the verification by SID (preferred) or by address; when both are given they must
     * agree. Wrong codes are not errors (status stays pending); the 6th check is refused with 60202, and so
     * is every later one until the verification expires (inferred, see the notes).
     */
    synchronized Verification.Snapshot check(String serviceSid, String verificationSid, String to, String code,
                                             String path) {
        Instant now = clock.now();
        Optional<Verification> found = verificationSid != null
                ? active(serviceSid, verificationSid, now).filter(v -> to == null || v.to.equals(to))
                : activeFor(serviceSid, to, now);
        Verification v = found.orElseThrow(() -> TwilioError.notFound(path));
        if (v.checks >= MAX_CHECKS) {
            v.status = "max_attempts_reached";
            v.updated = now;
            throw TwilioError.of(429, 60202);
        }
        v.checks++;
        v.updated = now;
        if (v.code.equals(code)) {
            v.status = "approved";
            bySid.remove(v.sid);
        }
        return v.snapshot();
    }

    synchronized Verification.Snapshot fetch(String serviceSid, String sid, String path) {
        return active(serviceSid, sid, clock.now()).orElseThrow(() -> TwilioError.notFound(path)).snapshot();
    }

    /** Cancels or approves (status already validated); either way the verification is gone afterwards. */
    synchronized Verification.Snapshot update(String serviceSid, String sid, String status, String path) {
        Instant now = clock.now();
        Verification v = active(serviceSid, sid, now).orElseThrow(() -> TwilioError.notFound(path));
        v.status = status;
        v.updated = now;
        bySid.remove(v.sid);
        return v.snapshot();
    }

    synchronized Optional<String> lastCodeSentTo(String to) {
        return Optional.ofNullable(lastCodeByTo.get(to));
    }

    synchronized void clear() {
        bySid.clear();
        lastCodeByTo.clear();
    }

    private Optional<Verification> active(String serviceSid, String sid, Instant now) {
        Verification v = bySid.get(sid);
        if (v == null || !v.serviceSid.equals(serviceSid)) {
            return Optional.empty();
        }
        if (v.expiredAt(now)) {
            bySid.remove(sid);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** At most one verification per service and address is active: sends reuse it. A linear scan is fine here. */
    private Optional<Verification> activeFor(String serviceSid, String to, Instant now) {
        Verification match = null;
        for (Iterator<Verification> it = bySid.values().iterator(); it.hasNext(); ) {
            Verification v = it.next();
            if (v.expiredAt(now)) {
                it.remove();
            } else if (v.serviceSid.equals(serviceSid) && v.to.equals(to)) {
                match = v;
            }
        }
        return Optional.ofNullable(match);
    }

    /** Twilio's own examples spell the attempt channel upper case for sms/email (and, we assume, call). */
    private static String attemptChannelLabel(String channel) {
        return switch (channel) {
            case "sms", "email", "call" -> channel.toUpperCase(java.util.Locale.ROOT);
            default -> channel;
        };
    }

    private String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private String newSid(String prefix) {
        return Sids.random(prefix, random);
    }
}
