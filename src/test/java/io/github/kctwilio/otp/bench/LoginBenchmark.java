package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.bench.BenchReport.CpuPerLogin;
import io.github.kctwilio.otp.bench.BenchReport.FlowRun;
import io.github.kctwilio.otp.bench.LoadPhase.ServerUse;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code mvn -Pbench package}: complete browser logins against a real Keycloak with the plugin, for three flows on
 * the same server, measured once each flow's CPU per login has settled; then first sign-ins, and the Twilio flow with
 * a slow and a hanging Twilio beside password-only logins. Prints a table per flow and the targets of issues 7 and
 * 13. Settings: {@link BenchSettings}. Not a test: it asserts nothing, it measures.
 */
public final class LoginBenchmark {

    /** Twilio's own answer time on a good day, and on a bad one. */
    private static final List<Duration> TWILIO_DELAYS = List.of(Duration.ZERO, Duration.ofMillis(150), Duration.ofSeconds(2));

    private final BenchSettings settings;
    private final BenchServer server;
    private final List<BenchUser> users;
    private final List<BenchUser> firstSignIns;
    private final VerifyEmulator twilio;
    private final BenchReport report;
    private final Random shuffle = new Random(13);
    private ThreadCpu idlePerSecond = ThreadCpu.ZERO;

    private LoginBenchmark(BenchSettings settings, BenchServer server, List<BenchUser> users, List<BenchUser> firstSignIns) {
        this.settings = settings;
        this.server = server;
        this.users = users;
        this.firstSignIns = firstSignIns;
        this.twilio = server.twilio();
        this.report = new BenchReport(settings);
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        if (settings.jfr() && settings.nodes() != 1) {
            throw new IllegalArgumentException("-Dbench.jfr=true records one node: use it with -Dbench.nodes=1");
        }
        System.out.println(BenchReport.machine() + "\nBenchmark: " + settings + "\nStarting PostgreSQL and Keycloak "
                + System.getProperty("keycloak.version") + " (" + settings.nodes() + " node(s)) with "
                + (3 * settings.usersPerRealm() + settings.firstSignIns()) + " users; this takes a minute or two ...");
        List<BenchUser> users = BenchRealms.users(settings.usersPerRealm());
        List<BenchUser> firstSignIns = BenchRealms.firstSignInUsers(settings.firstSignIns(), settings.usersPerRealm());
        try (BenchServer server = BenchServer.start(settings, users, firstSignIns)) {
            System.out.println("Keycloak ready (" + server.startupTimes() + "): " + String.join(", ", server.nodeUrls()));
            new LoginBenchmark(settings, server, users, firstSignIns).run();
        }
    }

    private void run() throws Exception {
        LoginFlow password = new PasswordOnlyFlow();
        LoginFlow app = new AuthenticatorAppFlow();
        LoginFlow twilioOtp = new TwilioOtpFlow(twilio);

        List<LoginFlow> flows = List.of(password, app, twilioOtp);
        // Recording is on during the warm-up too, and only what follows it is kept: see FlightRecording.
        FlightRecording recording = settings.jfr()
                ? FlightRecording.start(server.meter().servers().get(0).pid(), BenchServer.WORK.resolve("keycloak.jfr")) : null;
        progress("warm-up: the three flows at once for " + settings.warmup().toSeconds() + " s, not measured");
        LoadPhase warmup = new LoadPhase(server.nodeUrls(), users, server.meter());
        flows.forEach(flow -> warmup.closedLoop(flow, settings.clients()));
        warmup.run(settings.warmup(), Duration.ZERO);
        if (recording != null) {
            recording.keepFromNow();
        }
        settle(flows);
        measureIdle();
        CacheOperationCount roundsCacheOperations = new CacheOperationCount();
        List<FlowRun> passwordRuns = new ArrayList<>();
        List<FlowRun> appRuns = new ArrayList<>();
        List<FlowRun> twilioRuns = new ArrayList<>();
        // Every flow alone once per round, users in a new order each round (no user accumulates sends), and the order
        // of the flows reversed every other round so that a remaining drift favours no flow.
        for (int round = 1; round <= settings.rounds(); round++) {
            List<LoginFlow> order = new ArrayList<>(List.of(password, app, twilioOtp));
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            int thisRound = round;
            for (LoginFlow flow : order) {
                FlowRun run = flow == twilioOtp ? roundsCacheOperations.count(() -> alone(flow, thisRound, shuffled(users)))
                        : alone(flow, thisRound, shuffled(users));
                (flow == password ? passwordRuns : flow == app ? appRuns : twilioRuns).add(run);
            }
        }
        if (recording != null) {
            Path file = recording.stop();
            report.note("flight recording from the end of the warm-up to the end of the settled rounds: " + file);
        }
        report.secondFactorCost(passwordRuns, appRuns, twilioRuns);
        CacheOperationCount firstCacheOperations = new CacheOperationCount();
        FlowRun first = firstCacheOperations.count(() -> firstSignIns(twilioOtp));
        report.firstSignIn(first, alone(twilioOtp, 0, shuffled(users)));
        report.cacheOperations(roundsCacheOperations.perLogin(), firstCacheOperations.perLogin());

        List<BenchReport.SlowRun> slowRuns = new ArrayList<>();
        for (Duration delay : TWILIO_DELAYS) {
            slowRuns.add(besidePasswordLogins(password, twilioOtp, delay));
        }
        report.slowTwilio(passwordRuns, slowRuns);

        progress("Twilio hanging: " + settings.hangingLogins() + " logins post their password at once");
        report.hangingTwilio(HangingTwilioCheck.run(twilio, server.nodeUrls(), users, settings.hangingLogins()));

        System.out.println();
        System.out.println(report.summary());
    }

    /**
     * The server's CPU with no load at all (timers, cluster heartbeats): subtracted from every measured window. Measured
     * once the flows have settled, and without the JIT compilers' CPU: right after the warm-up, or when a flow did not
     * settle, the JIT's backlog made it several times too large (and the JIT+GC column negative).
     */
    private void measureIdle() throws InterruptedException {
        progress("idle server: " + settings.idle().toSeconds() + " s without load");
        Thread.sleep(2000); // logins of the warm-up still finishing
        Map<String, ThreadCpu.ThreadSample> before = server.meter().sample();
        long start = System.nanoTime();
        Thread.sleep(settings.idle().toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        idlePerSecond = server.meter().cpuSince(before).withoutCompilers().times(1 / seconds);
        report.idle(idlePerSecond);
    }

    /**
     * Runs the flows alone in turn, in short windows, until two windows in a row of each agree on its CPU per login
     * on request threads while the JIT compilers are nearly idle (the JIT keeps compiling for minutes, longer on a
     * busy machine, and two windows can agree by chance while it does). Turns, not one flow after the other, so that
     * the machine's other load drifting over time favours no flow; a settled flow sits the next turns out. The report
     * gives no CPU verdict when a flow did not settle.
     */
    private void settle(List<LoginFlow> flows) throws InterruptedException {
        Map<LoginFlow, List<SettledRounds.Window>> windows = new LinkedHashMap<>();
        flows.forEach(flow -> windows.put(flow, new ArrayList<>()));
        Set<LoginFlow> settled = new HashSet<>();
        for (int turn = 1; turn <= settings.maxSettleWindows() && settled.size() < flows.size(); turn++) {
            for (LoginFlow flow : flows) {
                if (settled.contains(flow)) {
                    continue;
                }
                List<SettledRounds.Window> earlier = windows.get(flow);
                SettledRounds.Window window = settleWindow(flow, turn);
                if (!earlier.isEmpty() && SettledRounds.settled(earlier.get(earlier.size() - 1), window, settings.settleTolerance(),
                        settings.maxCompilerShare())) {
                    settled.add(flow);
                }
                earlier.add(window);
            }
        }
        windows.forEach((flow, list) -> report.settled(flow, list, settled.contains(flow)));
    }

    private SettledRounds.Window settleWindow(LoginFlow flow, int turn) throws InterruptedException {
        progress(flow.title() + ": settling, window " + turn);
        LoadPhase phase = new LoadPhase(server.nodeUrls(), shuffled(users), server.meter());
        twilio.reset();
        FlowStats stats = phase.closedLoop(flow, settings.clients());
        ServerUse use = phase.run(Duration.ofSeconds(1), settings.settleWindow());
        countTwilioRequests(flow, stats);
        CpuPerLogin cpu = CpuPerLogin.of(use, ThreadCpu.ZERO, stats.loginsInWindow());
        SettledRounds.Window window = new SettledRounds.Window(cpu.request(),
                use.cpu().compilerNanos() / (double) Math.max(1, use.cpu().requestNanos()));
        System.out.printf("  %d logins, %.2f ms/login on request threads, %.2f ms in all (idle not subtracted); JIT compilers at "
                + "%.1f%% of the request threads' CPU%n", stats.loginsInWindow(), cpu.request(), cpu.all(), 100 * window.compilerShare());
        return window;
    }

    /**
     * The send limiter's operations on the cluster-wide store over some Twilio phases, read from every node's counter
     * before and after each, and the logins of those phases (a phase ends when its last login has).
     */
    private final class CacheOperationCount {
        private double operations;
        private long logins;

        FlowRun count(Phase phase) throws Exception {
            double before = readCounter();
            FlowRun run = phase.run();
            operations += readCounter() - before;
            logins += run.stats().logins() + run.stats().failures();
            return run;
        }

        /** NaN, which the report prints, when a node's page cannot be read: the benchmark goes on without the count. */
        private double readCounter() throws InterruptedException {
            try {
                return server.limiterCacheOperations();
            } catch (IOException | RuntimeException e) {
                System.err.println("Cannot read the send limiter's counter: " + e);
                return Double.NaN;
            }
        }

        BenchReport.PerLogin perLogin() {
            return new BenchReport.PerLogin(operations, logins);
        }
    }

    private interface Phase {
        FlowRun run() throws Exception;
    }

    /** One flow alone on the server, closed loop. */
    private FlowRun alone(LoginFlow flow, int round, List<BenchUser> pool) throws InterruptedException {
        progress(flow.title() + ": " + settings.clients() + " clients, " + (round > 0 ? "round " + round : "returning users"));
        twilio.reset();
        LoadPhase phase = new LoadPhase(server.nodeUrls(), pool, server.meter());
        FlowStats stats = phase.closedLoop(flow, settings.clients());
        ServerUse use = phase.run(settings.settle(), settings.measure());
        countTwilioRequests(flow, stats);
        FlowRun run = new FlowRun(stats, use, CpuPerLogin.of(use, idlePerSecond, stats.loginsInWindow()), round);
        System.out.print(report.flowTable(run));
        return run;
    }

    /** Users who never signed in with the step, each once: the step takes their attribute number over as a phone credential. */
    private FlowRun firstSignIns(LoginFlow twilioOtp) throws InterruptedException {
        progress("password + Twilio OTP: first sign-ins, " + settings.clients() + " clients, each user once");
        twilio.reset();
        LoadPhase phase = new LoadPhase(server.nodeUrls(), shuffled(firstSignIns), server.meter());
        FlowStats stats = phase.closedLoopOnce(twilioOtp, settings.clients());
        ServerUse use = phase.run(settings.settle(), settings.measure());
        countTwilioRequests(twilioOtp, stats);
        FlowRun run = new FlowRun(stats, use, CpuPerLogin.of(use, idlePerSecond, stats.loginsInWindow()), 0);
        System.out.print(report.flowTable(run));
        return run;
    }

    private void countTwilioRequests(LoginFlow flow, FlowStats stats) {
        if (flow instanceof TwilioOtpFlow) {
            report.twilioRequests(twilio.count(RequestKind.CREATE_VERIFICATION), twilio.count(RequestKind.CHECK),
                    twilio.requests().size(), stats);
        }
    }

    private List<BenchUser> shuffled(List<BenchUser> pool) {
        List<BenchUser> copy = new ArrayList<>(pool);
        Collections.shuffle(copy, shuffle);
        return copy;
    }

    /** Password-only clients as in the rounds, and Twilio logins at a fixed rate with Twilio answering late. */
    private BenchReport.SlowRun besidePasswordLogins(LoginFlow password, LoginFlow twilioOtp, Duration delay)
            throws InterruptedException {
        progress(String.format("password only (%d clients) beside password + Twilio OTP at %.1f/s, Twilio answering after %d ms",
                settings.clients(), settings.twilioRate(), delay.toMillis()));
        twilio.reset();
        twilio.delayEvery(delay);
        LoadPhase phase = new LoadPhase(server.nodeUrls(), shuffled(users), server.meter());
        FlowStats passwordStats = phase.closedLoop(password, settings.clients());
        FlowStats twilioStats = phase.paced(twilioOtp, settings.twilioRate());
        // Twice the window, and time for the waiting logins to pile up to their steady number (a login waits 4 s at +2 s).
        Duration settle = settings.settle().compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : settings.settle();
        ServerUse use = phase.run(settle, settings.measure().multipliedBy(2));
        twilio.reset();
        BenchReport.SlowRun run = new BenchReport.SlowRun(delay, passwordStats, twilioStats, use,
                CpuPerLogin.of(use, idlePerSecond, passwordStats.loginsInWindow() + twilioStats.loginsInWindow()));
        System.out.print(report.slowTable(run));
        return run;
    }

    private static void progress(String what) {
        System.out.printf("%n== %s (load average %s) ==%n", what, BenchReport.loadAverage());
    }
}
