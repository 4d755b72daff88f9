package io.github.kctwilio.otp.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's memory of where each cap's next free slot is, so that a send claims its slot with one store operation
 * instead of trying every slot from 0 (the k-th send of a window used to make k calls; a refused one, N). Only a
 * hint: the store's atomic claim decides. Sends through other nodes make a hint lag, which costs one failed claim
 * per send made elsewhere since; a slot given back through another node is not seen here and stays unused until the
 * window ends, which only ever errs on the side of fewer sends.
 */
final class SlotHints {

    /** Windows one node sees in an hour, with room to spare; past it, ended windows are dropped, else all hints. */
    static final int MAX_ENTRIES = 50_000;

    private record Hint(int next, long endsAt) {
    }

    private final Map<String, Hint> hints = new ConcurrentHashMap<>();

    /** The first slot worth trying; -1 when this node knows nothing of the window. */
    int next(String window, long now) {
        Hint hint = hints.get(window);
        return hint == null || hint.endsAt() <= now ? -1 : hint.next();
    }

    /** This node took {@code slot}, or found every slot below {@code slot + 1} taken. */
    void taken(String window, int slot, long now, long endsAt) {
        evictIfFull(now);
        hints.merge(window, new Hint(slot + 1, endsAt), (old, mine) -> old.next() >= mine.next() ? old : mine);
    }

    /** A slot was given back through this node: try it first next time. */
    void released(String window, int slot) {
        hints.computeIfPresent(window, (key, old) -> old.next() > slot ? new Hint(slot, old.endsAt()) : old);
    }

    /** True the first time this node asks for this key, until {@code endsAt}. */
    boolean firstTime(String key, long now, long endsAt) {
        evictIfFull(now);
        Hint mine = new Hint(1, endsAt);
        Hint old = hints.putIfAbsent(key, mine);
        if (old != null && old.endsAt() <= now) {
            return hints.replace(key, old, mine);
        }
        return old == null;
    }

    int size() {
        return hints.size();
    }

    private void evictIfFull(long now) {
        if (hints.size() >= MAX_ENTRIES) {
            hints.values().removeIf(hint -> hint.endsAt() <= now);
            if (hints.size() >= MAX_ENTRIES) {
                hints.clear(); // hints only save work: starting over is always correct
            }
        }
    }
}
