package io.github.kctwilio.otp.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enforces the caps on sends in cluster-wide storage. One instance per node: it keeps this node's {@link SlotHints}.
 * <p>
 * The store offers an atomic put-if-absent with a time to live, but no atomic counter, so "N per window" is N
 * numbered slot keys per fixed window: a send claims a free slot of each cap, or is refused when every slot of a cap
 * is taken. The hints make that one claim per cap in the common case, and a refusal this node already knows of costs
 * no store operation at all; a node that knows nothing of a window that others have used finds its free slots by
 * binary search. Fixed windows can let up to 2N through around a window boundary; that is the price of
 * needing no counter. Keys hold keyed hashes of numbers, accounts and addresses, never the values.
 * <p>
 * Whose allowance a send uses ({@link SendRequest.Kind}):
 * <ul>
 * <li>the owner's sign-in: the number's own allowance, the account's, the client address's;</li>
 * <li>a new number (enrolment, signup): the allowance of the number <em>from this address</em>, the account's, the
 * address's and the realm's ceiling;</li>
 * <li>a password reset (also the decoy): the number (or typed name) from this address, the address's and the
 * realm's ceiling.</li>
 * </ul>
 */
public final class SendLimiter {

    private static final String PREFIX = "twilio-otp:sends:";

    private final SlotHints hints = new SlotHints();

    /** One cap for one send: its window's key prefix, its size, and when the window ends. */
    private record Cap(String name, String window, int count, long now, long endsAt) {
        String slot(int slot) {
            return window + ":" + slot;
        }

        Duration retryIn() {
            return Duration.ofSeconds(endsAt - now);
        }
    }

    /** A slot this send holds. */
    private record Taken(String window, int slot) {
    }

    /**
     * Takes one slot of each cap for a send, or none at all.
     *
     * @param store this request's view of the cluster-wide store
     */
    public Permit tryAcquire(SlotStore store, LimitScope scope, SendLimits limits, SendRequest request, Instant now) {
        List<Cap> caps = caps(scope, limits, request, now.getEpochSecond());
        for (Cap cap : caps) {
            if (hints.next(cap.window(), cap.now()) >= cap.count()) {
                // Already known to be full on this node: refused without a store operation.
                return refused(store, cap);
            }
        }
        List<Taken> taken = new ArrayList<>(caps.size());
        for (Cap cap : caps) {
            Optional<Taken> slot = claim(store, cap);
            if (slot.isEmpty()) {
                // A refused send must not use up the caps that did let it through.
                new Permit(store, Optional.empty(), taken).giveBack();
                return refused(store, cap);
            }
            taken.add(slot.get());
        }
        return new Permit(store, Optional.empty(), taken);
    }

    private Optional<Taken> claim(SlotStore store, Cap cap) {
        int slot = hints.next(cap.window(), cap.now());
        if (slot < 0) {
            // Unknown here: most often a window nobody used yet, so slot 0 first; else this node joined (or restarted)
            // mid-window, and a binary search finds the taken slots' end in log2(N) reads instead of k claims.
            if (tryClaim(store, cap, 0)) {
                return Optional.of(new Taken(cap.window(), 0));
            }
            slot = firstFreeFrom(store, cap, 1);
        }
        for (; slot < cap.count(); slot++) {
            if (tryClaim(store, cap, slot)) {
                return Optional.of(new Taken(cap.window(), slot));
            }
        }
        hints.taken(cap.window(), cap.count() - 1, cap.now(), cap.endsAt());
        return Optional.empty();
    }

    private boolean tryClaim(SlotStore store, Cap cap, int slot) {
        if (!store.claim(cap.slot(slot), cap.endsAt() - cap.now())) {
            return false;
        }
        hints.taken(cap.window(), slot, cap.now(), cap.endsAt());
        return true;
    }

    /** Slots are taken from 0 upwards, so the taken ones are (but for slots given back) a prefix: find its end. */
    private static int firstFreeFrom(SlotStore store, Cap cap, int from) {
        int low = from;
        int high = cap.count();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (store.isTaken(cap.slot(middle))) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private Permit refused(SlotStore store, Cap cap) {
        boolean first = false;
        if ("realm".equals(cap.name())) {
            // Once per node from memory, then once across the cluster through the store.
            String key = cap.window() + ":announced";
            first = hints.firstTime(key, cap.now(), cap.endsAt()) && store.claim(key, cap.endsAt() - cap.now());
        }
        return new Permit(store, Optional.of(new LimitHit(cap.name(), cap.retryIn(), first)), List.of());
    }

    /** The caps that apply to this request, in the order they are claimed; caps switched off are left out. */
    private static List<Cap> caps(LimitScope scope, SendLimits limits, SendRequest request, long now) {
        String address = ClientAddress.group(request.clientAddress());
        List<Cap> caps = new ArrayList<>(4);
        if (request.kind() == SendRequest.Kind.OWNER) {
            add(caps, scope, limits.perNumber(), "number", "number", request.target(), now);
        } else {
            add(caps, scope, limits.perNumber(), "number", "number-from", request.target() + "\n" + (address == null ? "" : address), now);
        }
        if (request.userId() != null) {
            add(caps, scope, limits.perUser(), "user", "user", request.userId(), now);
        }
        if (address != null) {
            add(caps, scope, limits.perIp(), "ip", "ip", address, now);
        }
        if (request.kind() != SendRequest.Kind.OWNER) {
            add(caps, scope, scope.realmLimit(), "realm", "realm", "", now);
        }
        return caps;
    }

    private static void add(List<Cap> caps, LimitScope scope, RateLimit limit, String name, String keyName, String subject, long now) {
        if (limit.isOff()) {
            return;
        }
        long windowSeconds = limit.window().toSeconds();
        long window = now / windowSeconds;
        String key = PREFIX + keyName + ":" + scope.hash().of(keyName + "\n" + scope.realmId() + "\n" + subject) + ":" + window;
        caps.add(new Cap(name, key, limit.count(), now, (window + 1) * windowSeconds));
    }

    /** The outcome of {@link #tryAcquire}: a refusal, or the slots taken for the send. */
    public final class Permit {
        private final SlotStore store;
        private final Optional<LimitHit> refusal;
        private final List<Taken> slots;

        private Permit(SlotStore store, Optional<LimitHit> refusal, List<Taken> slots) {
            this.store = store;
            this.refusal = refusal;
            this.slots = slots;
        }

        /** The cap that refused the send; empty when it may go ahead. */
        public Optional<LimitHit> refusal() {
            return refusal;
        }

        /** Frees the slots again, for a send that surely never went out (Twilio refused it for a reason of ours). */
        public void giveBack() {
            for (Taken slot : slots) {
                store.release(slot.window() + ":" + slot.slot());
                hints.released(slot.window(), slot.slot());
            }
        }
    }
}
