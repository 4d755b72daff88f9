package io.github.kctwilio.otp.emulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Faults injected by tests, first in first out, each consumed by exactly one request, and at most one standing
 * fault that every request gets while the queue has nothing for it (a slow or hanging Twilio for a benchmark).
 * Each hang carries its own latch from the moment it is queued or set, so {@link VerifyEmulator#reset()} and
 * {@link VerifyEmulator#close()} release it even when they run before the hung request has started to wait
 * (a release is never lost). A standing hang's latch is shared by every request it holds.
 */
final class FaultQueue {

    sealed interface Fault permits Fail, RawBody, Delay, Hang {
    }

    /** Answer with a Twilio error body. */
    record Fail(int httpStatus, int twilioCode) implements Fault {
    }

    /** Answer with exactly this body (malformed JSON, an HTML error page from a proxy, …). */
    record RawBody(int httpStatus, String body, String contentType) implements Fault {
    }

    /** Wait, then answer normally. */
    record Delay(Duration delay) implements Fault {
    }

    /** Never answer; the connection is dropped on reset or close. */
    record Hang(CountDownLatch release) implements Fault {
        Hang() {
            this(new CountDownLatch(1));
        }
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();
    private final Set<CountDownLatch> hangs = ConcurrentHashMap.newKeySet();
    private volatile Fault standing;

    void add(Fault fault) {
        track(fault);
        queue.add(fault);
    }

    /** Every request the queue has nothing for gets this fault, until {@link #clear()}; null for none. */
    void setStanding(Fault fault) {
        if (fault instanceof Fail || fault instanceof RawBody) {
            throw new IllegalArgumentException("only a delay or a hang can stand: " + fault);
        }
        track(fault);
        standing = fault;
    }

    /** The next fault for the current request, or null to answer normally. */
    Fault poll() {
        Fault next = queue.poll();
        return next != null ? next : standing;
    }

    private void track(Fault fault) {
        if (fault instanceof Hang hang) {
            hangs.add(hang.release());
        }
    }

    /** Blocks the calling request thread until the hang is released (reset, close) or the thread interrupted. */
    void park(Hang hang) throws InterruptedException {
        hang.release().await();
    }

    /** Forgets queued and standing faults and releases hung requests. */
    void clear() {
        queue.clear();
        standing = null;
        hangs.forEach(CountDownLatch::countDown);
        hangs.clear();
    }
}
