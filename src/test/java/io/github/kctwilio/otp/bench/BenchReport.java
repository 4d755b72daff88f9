package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.LoadPhase.ServerUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The benchmark's tables, and its verdict on each target of issues 7 and 13. */
final class BenchReport {

    /** Server CPU per login by kind of thread, in milliseconds, the idle server's share taken out. */
    record CpuPerLogin(double request, double jitGc, double other) {
        double all() {
            return request + jitGc + other;
        }

        static CpuPerLogin of(ServerUse use, ThreadCpu idlePerSecond, int logins) {
            ThreadCpu net = use.cpu().minus(idlePerSecond.times(use.seconds()));
            double per = 1e6 * Math.max(1, logins);
            return new CpuPerLogin(net.requestNanos() / per, net.jitGcNanos() / per, net.otherNanos() / per);
        }
    }

    /** One flow measured alone, in one round (0 for a settling window). */
    record FlowRun(FlowStats stats, ServerUse use, CpuPerLogin cpu, int round) {
    }

    /** A count over some phases and their logins. */
    record PerLogin(double count, long logins) {
        double value() {
            return count / Math.max(1, logins);
        }
    }

    /** Password-only logins beside Twilio logins, with Twilio answering after {@code delay}. */
    record SlowRun(Duration delay, FlowStats password, FlowStats twilio, ServerUse use, CpuPerLogin cpu) {
    }

    private static final String ROW = "%-58s %9s %9s %9s %9s %9s %14s";

    private final BenchSettings settings;
    private final List<String> summaryRows = new ArrayList<>();
    private final List<String> settling = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String idleLine = "";
    private boolean unsettled;
    private long creates;
    private long checks;
    private long requests;
    private long twilioLogins;
    private long twilioFailures;

    BenchReport(BenchSettings settings) {
        this.settings = settings;
    }

    static String machine() {
        return String.format("Machine: %d cores, %.1f GiB memory, load average %s", Runtime.getRuntime().availableProcessors(),
                ServerMeter.kib(Path.of("/proc/meminfo"), "MemTotal:") / 1024.0 / 1024.0, loadAverage());
    }

    void idle(ThreadCpu perSecond) {
        idleLine = String.format("Idle server (no load, after the settling; subtracted from every measured window): %.1f ms/s request threads, %.1f ms/s JIT+GC, "
                + "%.1f ms/s other", perSecond.requestNanos() / 1e6, perSecond.jitGcNanos() / 1e6, perSecond.otherNanos() / 1e6);
    }

    String flowTable(FlowRun run) {
        String table = run.stats().table() + String.format("  server CPU per login: %.2f ms request threads, %.2f ms JIT+GC, %.2f ms other, "
                        + "%.2f ms in all; peak resident memory %d MiB%s%n", run.cpu().request(), run.cpu().jitGc(), run.cpu().other(),
                run.cpu().all(), run.use().peakMemoryMiB(), run.use().peakSincePhaseStart() ? "" : " (since start)");
        if (run.round() > 0) {
            summaryRows.add(row(run.stats().flow().title() + ", round " + run.round(), run.stats(), run.cpu()));
        }
        return table;
    }

    /** One flow's settling: its request-thread CPU per login and the JIT's share window by window, and whether it settled. */
    void settled(LoginFlow flow, List<SettledRounds.Window> windows, boolean settled) {
        settling.add(String.format("  %-50s %s after %d windows: %s ms/login on request threads", flow.title(),
                settled ? "settled" : "NOT settled", windows.size(),
                windows.stream().map(SettledRounds.Window::toString).collect(Collectors.joining(", "))));
        unsettled |= !settled;
    }

    /** Adds one measured Twilio phase's requests; the verdict covers every phase together. */
    void twilioRequests(long phaseCreates, long phaseChecks, long phaseRequests, FlowStats twilio) {
        creates += phaseCreates;
        checks += phaseChecks;
        requests += phaseRequests;
        twilioLogins += twilio.logins();
        twilioFailures += twilio.failures();
    }

    private String twilioRequestsVerdict() {
        double logins = Math.max(1, twilioLogins);
        boolean exact = requests == 2L * twilioLogins && creates == twilioLogins && checks == twilioLogins && twilioFailures == 0;
        return verdict(exact, String.format("exactly 2 Twilio requests per successful login: %.3f (%.3f sends + %.3f checks) "
                + "over %d logins of the measured Twilio phases, their settling included; %d failed", requests / logins, creates / logins,
                checks / logins, twilioLogins, twilioFailures));
    }

    /**
     * Per settled round: the step's cost (flow minus password-only, per login) and the whole login, Twilio against
     * the built-in OTP form, on request threads (the verdict) and on all threads; the median over the rounds.
     */
    void secondFactorCost(List<FlowRun> password, List<FlowRun> app, List<FlowRun> twilio) {
        double limit = settings.nodes() == 1 ? 1.10 : 1.20;
        List<Double> stepRequest = new ArrayList<>();
        List<Double> stepAll = new ArrayList<>();
        List<Double> loginRequest = new ArrayList<>();
        List<Double> loginAll = new ArrayList<>();
        List<String> perRound = new ArrayList<>();
        for (int i = 0; i < password.size(); i++) {
            CpuPerLogin pw = password.get(i).cpu();
            CpuPerLogin ap = app.get(i).cpu();
            CpuPerLogin tw = twilio.get(i).cpu();
            stepRequest.add((tw.request() - pw.request()) / (ap.request() - pw.request()));
            stepAll.add((tw.all() - pw.all()) / (ap.all() - pw.all()));
            loginRequest.add(tw.request() / ap.request());
            loginAll.add(tw.all() / ap.all());
            perRound.add(String.format("round %d: %.2f vs %.2f ms", i + 1, tw.request() - pw.request(), ap.request() - pw.request()));
        }
        double stepMedian = SettledRounds.median(stepRequest);
        double loginMedian = SettledRounds.median(loginRequest);
        targets.add(cpuVerdict(stepMedian <= limit, String.format("server CPU of the Twilio step <= %.2fx the built-in OTP step's, request "
                + "threads, settled rounds (flow minus password-only per login; median of per-round ratios): %.2f ms vs %.2f ms = %s; "
                + "all threads: %s [%s]", limit, median(twilio, CpuPerLogin::request) - median(password, CpuPerLogin::request),
                median(app, CpuPerLogin::request) - median(password, CpuPerLogin::request),
                SettledRounds.medianAndSpread(stepRequest, "%.2f"), SettledRounds.medianAndSpread(stepAll, "%.2f"),
                String.join("; ", perRound))));
        targets.add(cpuVerdict(loginMedian <= limit, String.format("whole-login server CPU <= %.2fx the built-in OTP flow's, request threads: "
                + "%.2f vs %.2f ms = %s; all threads: %.2f vs %.2f ms = %s", limit, median(twilio, CpuPerLogin::request),
                median(app, CpuPerLogin::request), SettledRounds.medianAndSpread(loginRequest, "%.2f"), median(twilio, CpuPerLogin::all),
                median(app, CpuPerLogin::all), SettledRounds.medianAndSpread(loginAll, "%.2f"))));
        notes.add(String.format("JIT+GC CPU per login in the settled rounds (median; no flow owns it): password only %.2f ms, built-in OTP "
                + "%.2f ms, Twilio %.2f ms", median(password, CpuPerLogin::jitGc), median(app, CpuPerLogin::jitGc),
                median(twilio, CpuPerLogin::jitGc)));
        notes.add(String.format("drift over the settled rounds (last round against the first, request threads): password only %s, "
                + "built-in OTP %s, Twilio %s", drift(password), drift(app), drift(twilio)));
    }

    /** A CPU target's verdict; none at all when a flow did not settle. */
    private String cpuVerdict(boolean met, String text) {
        return unsettled ? "  [no verdict] NOT A VERDICT (a flow did not settle: the rounds measure the JIT's warm-up as much as "
                + "the flows): " + text : verdict(met, text);
    }

    private static String drift(List<FlowRun> runs) {
        double first = runs.get(0).cpu().request();
        double last = runs.get(runs.size() - 1).cpu().request();
        return String.format("%+.0f%%", 100 * (last - first) / first);
    }

    /** The send limiter's operations on the cluster-wide store per Twilio login (in a cluster, each may be a remote call). */
    void cacheOperations(PerLogin returning, PerLogin firstSignIns) {
        notes.add(String.format("send limiter's cache operations per Twilio login (twilio_otp_limiter_cache_operations_total of %s, "
                        + "before and after each phase): %.2f for returning users (%.0f over the %d logins of the settled rounds), "
                        + "%.2f for first sign-ins (%.0f over %d)%s", settings.nodes() == 1 ? "the node" : "every node",
                returning.value(), returning.count(), returning.logins(), firstSignIns.value(), firstSignIns.count(), firstSignIns.logins(),
                settings.nodes() == 1 ? "" : "; each may be a call to the other node"));
    }

    /** First sign-ins (one-time writes: the phone credential and its mirror) against returning users measured right after. */
    void firstSignIn(FlowRun first, FlowRun returning) {
        summaryRows.add(row("Twilio OTP, first sign-ins", first.stats(), first.cpu()));
        summaryRows.add(row("Twilio OTP, returning users (right after)", returning.stats(), returning.cpu()));
        notes.add(String.format("first sign-in: %.2f ms/login on request threads (%.2f all threads) against %.2f (%.2f) for returning users "
                        + "measured right after: a one-time cost of %.2f ms (%.2f ms all threads) per user, for taking the number over "
                        + "as a phone credential and writing its mirror%s", first.cpu().request(), first.cpu().all(), returning.cpu().request(), returning.cpu().all(),
                first.cpu().request() - returning.cpu().request(), first.cpu().all() - returning.cpu().all(),
                first.stats().ranOutOfUsers() ? " (the first-sign-in users ran out inside the window: raise -Dbench.firstSignIns)" : ""));
    }

    void note(String note) {
        notes.add(note);
    }

    String slowTable(SlowRun run) {
        return "  password only:\n" + run.password().table() + "  password + Twilio OTP:\n" + run.twilio().table();
    }

    /**
     * The target compares password-only throughput while Twilio is slow with the run where Twilio answers at once
     * beside the same Twilio login rate: both carry the same CPU load of Twilio logins, so what differs is the wait
     * for Twilio alone (held worker threads, pooled connections). Alone, without any Twilio login, is shown too.
     */
    void slowTwilio(List<FlowRun> passwordAlone, List<SlowRun> runs) {
        double alone = passwordAlone.stream().mapToDouble(r -> r.stats().loginsPerSecond()).average().orElse(Double.NaN);
        double instant = runs.get(0).password().loginsPerSecond();
        boolean kept = true;
        List<String> parts = new ArrayList<>();
        for (SlowRun run : runs) {
            double rate = run.password().loginsPerSecond();
            if (!run.delay().isZero()) {
                kept &= rate >= 0.8 * instant;
                parts.add(String.format("Twilio +%d ms: %.2f/s (%.0f%%; %.0f%% of alone)", run.delay().toMillis(), rate,
                        100 * rate / instant, 100 * rate / alone));
            }
            summaryRows.add(row("  beside Twilio +" + run.delay().toMillis() + " ms: password only", run.password(), run.cpu()));
            summaryRows.add(String.format(ROW, "  beside Twilio +" + run.delay().toMillis() + " ms: Twilio OTP (" + run.twilio().failures()
                    + " failed)", String.format("%.2f", run.twilio().loginsPerSecond()), "", "", "", "", p95s(run.twilio())));
        }
        targets.add(verdict(kept, String.format("password-only throughput while Twilio is slow at least 80%% of that with Twilio "
                + "answering at once beside the same Twilio login rate (%.2f/s; alone, without Twilio logins: %.2f/s): %s",
                instant, alone, String.join(", ", parts))));
    }

    void hangingTwilio(HangingTwilioCheck.Outcome outcome) {
        long limit = settings.readTimeout().toMillis() + 1000;
        targets.add(verdict(outcome.maxMillis() <= limit && outcome.unexpected().isEmpty(), String.format(
                "each login page answers within the read timeout + 1 s (%d ms) while Twilio hangs: %d logins at once, "
                        + "median %d ms, max %d ms; %d of them said the verification service could not be reached",
                limit, outcome.pageMillis().length, outcome.medianMillis(), outcome.maxMillis(), outcome.explained())));
        outcome.unexpected().forEach(page -> notes.add("unexpected page while Twilio hung: " + page));
    }

    String summary() {
        String header = String.format(ROW, "flow (CPU in ms per login, idle subtracted)", "logins/s", "request", "JIT+GC", "other", "all",
                "p95 ms/step");
        return "Summary: Keycloak " + System.getProperty("keycloak.version") + ", " + settings + "\n" + machine() + "\n" + idleLine
                + "\n\nSettling (the flows alone, in turns; CPU per login on request threads and the JIT compilers' share of it):\n"
                + String.join("\n", settling) + "\n\n"
                + header + "\n" + String.join("\n", summaryRows) + "\n\nTargets:\n" + twilioRequestsVerdict() + "\n"
                + String.join("\n", targets)
                + (notes.isEmpty() ? "" : "\n\nNotes:\n  " + String.join("\n  ", notes)) + "\n";
    }

    private static double median(List<FlowRun> runs, ToDoubleFunction<CpuPerLogin> part) {
        return SettledRounds.median(runs.stream().map(r -> part.applyAsDouble(r.cpu())).toList());
    }

    private static String row(String title, FlowStats stats, CpuPerLogin cpu) {
        return String.format(ROW, title, String.format("%.2f", stats.loginsPerSecond()), String.format("%.2f", cpu.request()),
                String.format("%.2f", cpu.jitGc()), String.format("%.2f", cpu.other()), String.format("%.2f", cpu.all()), p95s(stats));
    }

    private static String p95s(FlowStats stats) {
        return IntStream.range(0, stats.flow().steps().size())
                .mapToObj(i -> String.format("%.0f", stats.percentileMillis(i, 95))).collect(Collectors.joining(" / "));
    }

    private static String verdict(boolean met, String text) {
        return (met ? "  [met]    " : "  [MISSED] ") + text;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
