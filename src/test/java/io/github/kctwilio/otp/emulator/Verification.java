package io.github.kctwilio.otp.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mutable state of one verification inside {@link VerificationStore} (guarded by the store's lock).
 * Callers outside the store only ever see {@link Snapshot}s, so JSON is rendered from a consistent copy.
 */
final class Verification {

    /** One entry of {@code send_code_attempts}. */
    record SendAttempt(String attemptSid, String channel, Instant time) {
    }

    /** Immutable copy handed to the JSON layer. */
    record Snapshot(String sid, String serviceSid, String to, String channel, String status,
                    Instant created, Instant updated, List<SendAttempt> sendAttempts) {
    }

    final String sid;
    final String serviceSid;
    final String to;
    final String code;
    final Instant created;
    final Instant expiresAt;
    final List<SendAttempt> sendAttempts = new ArrayList<>();
    String channel;
    String status = "pending";
    Instant updated;
    int checks;

    Verification(String sid, String serviceSid, String to, String code, Instant created, Instant expiresAt) {
        this.sid = sid;
        this.serviceSid = serviceSid;
        this.to = to;
        this.code = code;
        this.created = created;
        this.expiresAt = expiresAt;
        this.updated = created;
    }

    /** Twilio keeps a code valid for exactly its lifetime; the instant itself still counts as valid. */
    boolean expiredAt(Instant now) {
        return now.isAfter(expiresAt);
    }

    Snapshot snapshot() {
        return new Snapshot(sid, serviceSid, to, channel, status, created, updated, List.copyOf(sendAttempts));
    }
}
