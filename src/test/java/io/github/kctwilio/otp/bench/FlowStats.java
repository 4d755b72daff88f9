package io.github.kctwilio.otp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What one flow's logins did in one phase: how many, how many failed, and the time of each step. */
final class FlowStats {

    private final LoginFlow flow;
    private final MeasureWindow window;
    private final List<long[]> measuredSteps = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger loginsInWindow = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String firstFailure;
    private volatile boolean ranOut;

    FlowStats(LoginFlow flow, MeasureWindow window) {
        this.flow = flow;
        this.window = window;
    }

    LoginFlow flow() {
        return flow;
    }

    void success(long startNanos, long endNanos, long[] stepNanos) {
        logins.incrementAndGet();
        if (window.endsInside(endNanos)) {
            loginsInWindow.incrementAndGet();
        }
        if (window.wholeInside(startNanos, endNanos)) {
            measuredSteps.add(stepNanos);
        }
    }

    void failure(Exception e) {
        if (failures.getAndIncrement() == 0) {
            firstFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** A client of a once-per-user load used up its users (its phase then measured idle time too). */
    void ranOut() {
        ranOut = true;
    }

    boolean ranOutOfUsers() {
        return ranOut;
    }

    /** Successful logins of the whole phase, warm-up included. */
    int logins() {
        return logins.get();
    }

    /** Successful logins that ended inside the measured window. */
    int loginsInWindow() {
        return loginsInWindow.get();
    }

    int failures() {
        return failures.get();
    }

    double loginsPerSecond() {
        return loginsInWindow.get() / window.seconds();
    }

    /** Nearest-rank percentile of one step over the measured logins, in milliseconds; NaN without any. */
    double percentileMillis(int step, double percentile) {
        long[] values;
        synchronized (measuredSteps) {
            values = measuredSteps.stream().mapToLong(s -> s[step]).toArray();
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(percentile / 100.0 * values.length);
        return values[Math.max(0, rank - 1)] / 1e6;
    }

    /** Throughput and the p50/p95/p99 of each step, one line a step. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("  %d logins in %.1f s = %.2f logins/s; %d failed%s%n", loginsInWindow(), window.seconds(),
                loginsPerSecond(), failures(), failures() == 0 ? "" : " (first: " + firstFailure + ")"));
        out.append(String.format("  %-24s %9s %9s %9s%n", "step (ms)", "p50", "p95", "p99"));
        List<String> steps = flow.steps();
        for (int i = 0; i < steps.size(); i++) {
            out.append(String.format("  %-24s %9.1f %9.1f %9.1f%n", steps.get(i), percentileMillis(i, 50),
                    percentileMillis(i, 95), percentileMillis(i, 99)));
        }
        return out.toString();
    }
}
