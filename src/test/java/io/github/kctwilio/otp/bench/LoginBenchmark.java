package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.bench.LoadPhase.ServerUse;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mvn -Pbench package}: complete browser logins against a real Keycloak with the plugin, for three flows on
 * the same server, then the Twilio flow with a slow and a hanging Twilio beside password-only logins. Prints a table
 * per flow and the targets of issue 7. Settings: {@link BenchSettings}. Not a test: it asserts nothing, it measures.
 */
public final class LoginBenchmark {

    /** Twilio's own answer time on a good day, and on a bad one. */
    private static final List<Duration> TWILIO_DELAYS = List.of(Duration.ZERO, Duration.ofMillis(150), Duration.ofSeconds(2));

    private final BenchSettings settings;
    private final BenchServer server;
    private final List<BenchUser> users;
    private final VerifyEmulator twilio;
    private final BenchReport report;

    private LoginBenchmark(BenchSettings settings, BenchServer server, List<BenchUser> users) {
        this.settings = settings;
        this.server = server;
        this.users = users;
        this.twilio = server.twilio();
        this.report = new BenchReport(settings);
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        System.out.println(BenchReport.machine() + "\nBenchmark: " + settings + "\nStarting PostgreSQL and Keycloak "
                + System.getProperty("keycloak.version") + " (" + settings.nodes() + " node(s)) with "
                + 3 * settings.usersPerRealm() + " users; this takes a minute or two ...");
        List<BenchUser> users = BenchRealms.users(settings.usersPerRealm());
        try (BenchServer server = BenchServer.start(settings, users)) {
            System.out.println("Keycloak ready (" + server.startupTimes() + "): " + String.join(", ", server.nodeUrls()));
            new LoginBenchmark(settings, server, users).run();
        }
    }

    private void run() throws Exception {
        LoginFlow password = new PasswordOnlyFlow();
        LoginFlow app = new AuthenticatorAppFlow();
        LoginFlow twilioOtp = new TwilioOtpFlow(twilio);

        progress("warm-up: the three flows at once for " + settings.warmup().toSeconds() + " s, not measured");
        LoadPhase warmup = new LoadPhase(server.nodeUrls(), users, server.meter());
        List.of(password, app, twilioOtp).forEach(flow -> warmup.closedLoop(flow, settings.clients()));
        warmup.run(settings.warmup(), Duration.ZERO);

        List<BenchReport.FlowRun> passwordRuns = new ArrayList<>();
        List<BenchReport.FlowRun> appRuns = new ArrayList<>();
        List<BenchReport.FlowRun> twilioRuns = new ArrayList<>();
        // The JIT keeps compiling for minutes (a third of the server's CPU in a profiled run): rounds alternate the
        // order (password, app, Twilio; then Twilio, app, password) so that a steady drift favours no flow.
        for (int round = 1; round <= settings.rounds(); round++) {
            boolean forward = round % 2 == 1;
            if (forward) {
                passwordRuns.add(alone(password, round));
                appRuns.add(alone(app, round));
            }
            twilio.reset();
            BenchReport.FlowRun twilioRun = alone(twilioOtp, round);
            twilioRuns.add(twilioRun);
            report.twilioRequests(twilio.count(RequestKind.CREATE_VERIFICATION), twilio.count(RequestKind.CHECK),
                    twilio.requests().size(), twilioRun.stats());
            if (!forward) {
                appRuns.add(alone(app, round));
                passwordRuns.add(alone(password, round));
            }
        }
        report.secondFactorCost(passwordRuns, appRuns, twilioRuns);
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

    /** One flow alone on the server, closed loop. */
    private BenchReport.FlowRun alone(LoginFlow flow, int round) throws InterruptedException {
        progress(flow.title() + ": " + settings.clients() + " clients, round " + round);
        LoadPhase phase = new LoadPhase(server.nodeUrls(), users, server.meter());
        FlowStats stats = phase.closedLoop(flow, settings.clients());
        ServerUse use = phase.run(settings.settle(), settings.measure());
        BenchReport.FlowRun run = new BenchReport.FlowRun(stats, use, round);
        System.out.print(report.flowTable(run));
        return run;
    }

    /** Password-only clients as in the first phase, and Twilio logins at a fixed rate with Twilio answering late. */
    private BenchReport.SlowRun besidePasswordLogins(LoginFlow password, LoginFlow twilioOtp, Duration delay)
            throws InterruptedException {
        progress(String.format("password only (%d clients) beside password + Twilio OTP at %.1f/s, Twilio answering after %d ms",
                settings.clients(), settings.twilioRate(), delay.toMillis()));
        twilio.reset();
        twilio.delayEvery(delay);
        LoadPhase phase = new LoadPhase(server.nodeUrls(), users, server.meter());
        FlowStats passwordStats = phase.closedLoop(password, settings.clients());
        FlowStats twilioStats = phase.paced(twilioOtp, settings.twilioRate());
        // Twice the window, and time for the waiting logins to pile up to their steady number (a login waits 4 s at +2 s).
        Duration settle = settings.settle().compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : settings.settle();
        ServerUse use = phase.run(settle, settings.measure().multipliedBy(2));
        twilio.reset();
        BenchReport.SlowRun run = new BenchReport.SlowRun(delay, passwordStats, twilioStats, use);
        System.out.print(report.slowTable(run));
        return run;
    }

    private static void progress(String what) {
        System.out.printf("%n== %s (load average %s) ==%n", what, BenchReport.loadAverage());
    }
}
