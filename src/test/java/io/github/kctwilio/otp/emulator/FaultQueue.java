package io.github.kctwilio.otp.emulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Faults injected by tests, first in first out, each consumed by exactly one request. Each hang carries its
 * own latch from the moment it is queued, so {@link VerifyEmulator#reset()} and {@link VerifyEmulator#close()}
 * release it even when they run before the hung request has started to wait (a release is never lost).
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

    void add(Fault fault) {
        if (fault instanceof Hang hang) {
            hangs.add(hang.release());
        }
        queue.add(fault);
    }

    /** The next fault for the current request, or null to answer normally. */
    Fault poll() {
        return queue.poll();
    }

    /** Blocks the calling request thread until the hang is released (reset, close) or the thread interrupted. */
    void park(Hang hang) throws InterruptedException {
        hang.release().await();
    }

    /** Forgets queued faults and releases hung requests. */
    void clear() {
        queue.clear();
        hangs.forEach(CountDownLatch::countDown);
        hangs.clear();
    }
}
