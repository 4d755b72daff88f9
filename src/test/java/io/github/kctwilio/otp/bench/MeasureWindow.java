package io.github.kctwilio.otp.bench;

/** When a phase is measured, after its warm-up: logins that end inside count, their steps if they also began inside. */
final class MeasureWindow {

    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    void open() {
        startNanos = System.nanoTime();
    }

    void close() {
        endNanos = System.nanoTime();
    }

    boolean endsInside(long loginEndNanos) {
        return loginEndNanos >= startNanos && loginEndNanos <= endNanos;
    }

    boolean wholeInside(long loginStartNanos, long loginEndNanos) {
        return loginStartNanos >= startNanos && endsInside(loginEndNanos);
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
