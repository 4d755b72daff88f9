package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One phase of the benchmark: loads run together for a warm-up, then for the measured window, then stop after their
 * logins in flight. Two kinds of load: closed-loop clients (each starts its next login when the last one ends, so
 * the server's speed sets the rate) and a paced stream (logins start at a fixed rate whatever their duration, so a
 * slow Twilio piles up waiting logins instead of slowing the stream down).
 */
final class LoadPhase {

    /** The server's side of a phase: CPU time by kind of thread in the measured window, its length, and peak memory. */
    record ServerUse(ThreadCpu cpu, double seconds, long peakMemoryMiB, boolean peakSincePhaseStart) {
    }

    private final List<String> nodeUrls;
    private final List<BenchUser> users;
    private final ServerMeter meter;
    private final MeasureWindow window = new MeasureWindow();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-client");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> starters = new ArrayList<>();

    LoadPhase(List<String> nodeUrls, List<BenchUser> users, ServerMeter meter) {
        this.nodeUrls = nodeUrls;
        this.users = users;
        this.meter = meter;
    }

    /** {@code clients} browsers logging in one after the other; each takes its own share of the users, in turn. */
    FlowStats closedLoop(LoginFlow flow, int clients) {
        return closedLoop(flow, clients, false);
    }

    /** As {@link #closedLoop(LoginFlow, int)}, each user logging in once at most (first sign-ins). */
    FlowStats closedLoopOnce(LoginFlow flow, int clients) {
        return closedLoop(flow, clients, true);
    }

    private FlowStats closedLoop(LoginFlow flow, int clients, boolean once) {
        FlowStats stats = new FlowStats(flow, window);
        for (int c = 0; c < clients; c++) {
            List<BenchUser> share = new ArrayList<>();
            for (int i = c; i < users.size(); i += clients) {
                share.add(users.get(i));
            }
            starters.add(() -> pool.execute(() -> loopOver(flow, stats, share, once)));
        }
        return stats;
    }

    /** Logins of this flow started {@code perSecond} times a second, each on a browser not in use. */
    FlowStats paced(LoginFlow flow, double perSecond) {
        FlowStats stats = new FlowStats(flow, window);
        ConcurrentLinkedQueue<LoginClient> idle = new ConcurrentLinkedQueue<>();
        AtomicInteger nextUser = new AtomicInteger();
        starters.add(() -> pool.execute(() -> {
            long interval = (long) (1e9 / perSecond);
            long next = System.nanoTime();
            while (!stopping.get()) {
                try {
                    pool.execute(() -> {
                        LoginClient client = Optional.ofNullable(idle.poll()).orElseGet(() -> new LoginClient(nodeUrls));
                        loginOnce(flow, stats, client, users.get(Math.floorMod(nextUser.getAndIncrement(), users.size())));
                        idle.add(client);
                    });
                } catch (RejectedExecutionException phaseOver) {
                    return;
                }
                next += interval;
                sleepUntil(next);
            }
        }));
        return stats;
    }

    /** Runs the loads: warm-up, measured window, then waits for the logins in flight. */
    ServerUse run(Duration warmup, Duration measure) throws InterruptedException {
        starters.forEach(Runnable::run);
        Thread.sleep(warmup.toMillis());
        boolean peakReset = meter.resetPeakMemory();
        Map<String, ThreadCpu.ThreadSample> cpuBefore = meter.sample();
        window.open();
        Thread.sleep(measure.toMillis());
        window.close();
        ThreadCpu cpu = meter.cpuSince(cpuBefore);
        long peak = meter.peakMemoryMiB();
        stopping.set(true);
        pool.shutdown();
        if (!pool.awaitTermination(3, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            System.err.println("Some logins were still running 3 minutes after the phase ended");
        }
        return new ServerUse(cpu, window.seconds(), peak, peakReset);
    }

    private void loopOver(LoginFlow flow, FlowStats stats, List<BenchUser> share, boolean once) {
        LoginClient client = new LoginClient(nodeUrls);
        int next = 0;
        int busyInARow = 0;
        while (!stopping.get()) {
            if (once && next >= share.size()) {
                stats.ranOut();
                return;
            }
            BenchUser user = share.get(next++ % share.size());
            if (loginOnce(flow, stats, client, user)) {
                busyInARow = 0;
            } else if (++busyInARow >= share.size()) {
                busyInARow = 0; // every user of this share is busy: wait for the next TOTP step
                sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /** @return false when the user could not log in right now (and nothing was sent) */
    private static boolean loginOnce(LoginFlow flow, FlowStats stats, LoginClient client, BenchUser user) {
        client.begin(flow.steps().size());
        long start = System.nanoTime();
        try {
            if (!flow.login(client, user)) {
                return false;
            }
            stats.success(start, System.nanoTime(), client.stepNanos());
        } catch (Exception e) {
            stats.failure(e);
        }
        return true;
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
