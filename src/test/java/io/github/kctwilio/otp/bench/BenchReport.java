package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.LoadPhase.ServerUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The benchmark's tables, and its verdict on each target of issue 7. */
final class BenchReport {

    /** One flow measured alone, in one round. */
    record FlowRun(FlowStats stats, ServerUse use, int round) {
        double cpuMillisPerLogin() {
            return use.cpu().toNanos() / 1e6 / Math.max(1, stats.loginsInWindow());
        }

        /** Server CPU per login over several runs: all their CPU over all their logins. */
        static double cpuMillisPerLogin(List<FlowRun> runs) {
            return runs.stream().mapToLong(r -> r.use().cpu().toNanos()).sum() / 1e6
                    / Math.max(1, runs.stream().mapToInt(r -> r.stats().loginsInWindow()).sum());
        }
    }

    /** Password-only logins beside Twilio logins, with Twilio answering after {@code delay}. */
    record SlowRun(Duration delay, FlowStats password, FlowStats twilio, ServerUse use) {
    }

    private final BenchSettings settings;
    private final List<String> summaryRows = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
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

    String flowTable(FlowRun run) {
        String table = run.stats().table() + String.format("  server CPU %.1f ms per login; peak resident memory %d MiB%s%n",
                run.cpuMillisPerLogin(), run.use().peakMemoryMiB(), run.use().peakSincePhaseStart() ? "" : " (since start)");
        summaryRows.add(String.format("%-50s %9.2f %13.1f %14s %14s", run.stats().flow().title() + ", round " + run.round(),
                run.stats().loginsPerSecond(),
                run.cpuMillisPerLogin(), run.use().peakMemoryMiB(), p95s(run.stats())));
        return table;
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
                + "over %d logins of the Twilio phases, warm-ups included; %d failed", requests / logins, creates / logins,
                checks / logins, twilioLogins, twilioFailures));
    }

    /** The step's cost is the flow's server CPU per login minus password-only's, over all rounds together. */
    void secondFactorCost(List<FlowRun> password, List<FlowRun> app, List<FlowRun> twilio) {
        double appStep = FlowRun.cpuMillisPerLogin(app) - FlowRun.cpuMillisPerLogin(password);
        double twilioStep = FlowRun.cpuMillisPerLogin(twilio) - FlowRun.cpuMillisPerLogin(password);
        List<String> perRound = new ArrayList<>();
        for (int i = 0; i < password.size(); i++) {
            double base = password.get(i).cpuMillisPerLogin();
            perRound.add(String.format("round %d: %.1f vs %.1f ms", i + 1, twilio.get(i).cpuMillisPerLogin() - base,
                    app.get(i).cpuMillisPerLogin() - base));
        }
        double ratio = twilioStep / appStep;
        targets.add(verdict(ratio <= 1.15, String.format("server CPU of the Twilio step within 15%% of the built-in OTP step's "
                        + "(flow minus password-only, per login, all rounds): %.1f ms vs %.1f ms = %.2f (%s)", twilioStep, appStep,
                ratio, String.join("; ", perRound))));
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
            summaryRows.add(String.format("%-50s %9.2f %13.1f %14s %14s", "  beside Twilio +" + run.delay().toMillis() + " ms: password only",
                    rate, run.use().cpu().toNanos() / 1e6 / Math.max(1, run.password().loginsInWindow() + run.twilio().loginsInWindow()),
                    run.use().peakMemoryMiB(), p95s(run.password())));
            summaryRows.add(String.format("%-50s %9.2f %13s %14s %14s", "  beside Twilio +" + run.delay().toMillis() + " ms: Twilio OTP ("
                    + run.twilio().failures() + " failed)", run.twilio().loginsPerSecond(), "", "", p95s(run.twilio())));
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
        String header = String.format("%-50s %9s %13s %14s %14s", "flow", "logins/s", "CPU ms/login", "peak RSS MiB", "p95 ms/step");
        return "Summary: Keycloak " + System.getProperty("keycloak.version") + ", " + settings + "\n" + machine() + "\n\n"
                + header + "\n" + String.join("\n", summaryRows) + "\n\nTargets:\n" + twilioRequestsVerdict() + "\n"
                + String.join("\n", targets)
                + (notes.isEmpty() ? "" : "\n\nNotes:\n" + String.join("\n", notes)) + "\n";
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
