package io.github.kctwilio.otp.emulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Faults injected by tests, first in first out, each consumed by exactly one request. Hung requests park
 * on a latch so that {@link VerifyEmulator#reset()} and {@link VerifyEmulator#close()} can let them go.
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
    record Hang() implements Fault {
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();
    private final Set<CountDownLatch> parked = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    void add(Fault fault) {
        queue.add(fault);
    }

    /** The next fault for the current request, or null to answer normally. */
    Fault poll() {
        return queue.poll();
    }

    /** Blocks the calling request thread until released or interrupted. */
    void park() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        parked.add(latch);
        try {
            if (!closed) { // close() may have run between poll() and here
                latch.await();
            }
        } finally {
            parked.remove(latch);
        }
    }

    /** Forgets queued faults and releases hung requests. */
    void clear() {
        queue.clear();
        parked.forEach(CountDownLatch::countDown);
    }

    void close() {
        closed = true;
        clear();
    }
}
