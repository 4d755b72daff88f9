package io.github.kctwilio.otp.bench;

import java.time.Duration;

/**
 * What the benchmark does, from system properties ({@code mvn -Pbench package -Dbench.clients=8}).
 *
 * @param nodes          Keycloak nodes: 1, or 2 for the cluster (steps of a login alternate between the nodes)
 * @param clients        concurrent browsers per flow in the closed-loop phases
 * @param warmup         all three flows at once before anything is measured, so that the JIT has seen every flow
 * @param settleWindow   then each flow alone in turn, in windows of this length, until its CPU per login settles
 * @param maxSettleWindows the most such windows per flow; a flow that has not settled by then is reported as such,
 *                       and the CPU verdicts are then no verdicts
 * @param settleTolerance two consecutive windows of a flow whose CPU per login on request threads differs by at most
 *                       this share (0.03: 3%) count as settled, if the JIT is done too ({@code maxCompilerShare})
 * @param maxCompilerShare the JIT compilers' CPU in a window at most this share of the request threads' (0.05: 5%)
 * @param settle         load before each measured window that is not counted
 * @param measure        how long each flow is measured per round
 * @param rounds         settled rounds: each flow alone once per round, users shuffled, order reversed every other
 *                       round; the ratios are the median over the rounds, their spread is printed
 * @param idle           how long the idle server's CPU is measured (no load), to subtract from every window
 * @param usersPerRealm  users per flow's realm; the authenticator-app flow needs many (a TOTP code is accepted once)
 * @param firstSignIns   users of the Twilio realm whose number is not verified yet, for the first-sign-in phase
 * @param twilioRate     Twilio logins started per second beside the password-only clients in the slow-Twilio phases
 * @param readTimeout    the plugin's read timeout towards Twilio (the production default)
 * @param hangingLogins  logins started at once while Twilio hangs
 * @param jfr            record a Java Flight Recording of the node over the settled rounds (one node only)
 * @param passwordPolicy the benchmark realms' password policy; by default a cheap hash, because the password step is
 *                       the same in every flow and Keycloak's default (Argon2) costs far more CPU than any second
 *                       factor, drowning the difference the benchmark is after in noise. Empty: Keycloak's default.
 */
record BenchSettings(int nodes, int clients, Duration warmup, Duration settleWindow, int maxSettleWindows, double settleTolerance,
                     double maxCompilerShare, Duration settle, Duration measure, int rounds, Duration idle, int usersPerRealm, int firstSignIns,
                     double twilioRate, Duration readTimeout, int hangingLogins, boolean jfr, String passwordPolicy) {

    static final String CHEAP_PASSWORD_HASH = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)";

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.nodes", 1),
                Integer.getInteger("bench.clients", 4),
                Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 120)),
                Duration.ofSeconds(Integer.getInteger("bench.settleWindowSeconds", 5)),
                Integer.getInteger("bench.maxSettleWindows", 20),
                Double.parseDouble(System.getProperty("bench.settleTolerance", "0.03")),
                Double.parseDouble(System.getProperty("bench.maxCompilerShare", "0.05")),
                Duration.ofSeconds(Integer.getInteger("bench.settleSeconds", 2)),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 8)),
                Integer.getInteger("bench.rounds", 5),
                Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 5)),
                Integer.getInteger("bench.users", 3000),
                Integer.getInteger("bench.firstSignIns", 800),
                Double.parseDouble(System.getProperty("bench.twilioRate", "2")),
                Duration.ofMillis(Integer.getInteger("bench.readTimeoutMs", 5000)),
                Integer.getInteger("bench.hangingLogins", 8),
                Boolean.getBoolean("bench.jfr"),
                System.getProperty("bench.passwordPolicy", CHEAP_PASSWORD_HASH));
    }

    @Override
    public String toString() {
        return String.format("%d node%s, %d clients per flow, %d s warm-up, then the flows alone in turn in %d s windows until "
                        + "two in a row of each are within %.0f%% with the JIT compilers at most %.0f%% of the request threads' CPU "
                        + "(at most %d per flow), %d settled rounds of %d s settling + %d s measured, %d s idle, "
                        + "%d users per realm, %d first sign-ins, Twilio logins at %.1f/s beside password-only ones, read timeout %d ms, "
                        + "password policy %s",
                nodes, nodes == 1 ? "" : "s", clients, warmup.toSeconds(), settleWindow.toSeconds(), settleTolerance * 100,
                maxCompilerShare * 100, maxSettleWindows, rounds, settle.toSeconds(), measure.toSeconds(), idle.toSeconds(), usersPerRealm, firstSignIns,
                twilioRate, readTimeout.toMillis(), passwordPolicy.isEmpty() ? "Keycloak's default" : "'" + passwordPolicy + "'");
    }
}
