package io.github.kctwilio.otp.bench;

import java.time.Duration;

/**
 * What the benchmark does, from system properties ({@code mvn -Pbench package -Dbench.clients=8}). The defaults keep
 * a run at a few minutes on two cores.
 *
 * @param nodes          Keycloak nodes: 1, or 2 for the cluster (steps of a login alternate between the nodes)
 * @param clients        concurrent browsers per flow in the closed-loop phases
 * @param warmup         all three flows at once before anything is measured, so that the JIT has compiled every
 *                       flow's code (measured cold, a password login cost twice the CPU it costs warm)
 * @param settle         load before each phase's measured window that is not counted
 * @param measure        how long each phase is measured
 * @param rounds         how many times the three flows are measured alone, in turn, the order reversed every other
 *                       round (an even number cancels a steady drift such as the JIT's; the rounds show the noise)
 * @param usersPerRealm  users per flow's realm; the authenticator-app flow needs many (a TOTP code is accepted once)
 * @param twilioRate     Twilio logins started per second beside the password-only clients in the slow-Twilio phases
 * @param readTimeout    the plugin's read timeout towards Twilio (the production default)
 * @param hangingLogins  logins started at once while Twilio hangs
 * @param jfr            record a Java Flight Recording of the Keycloak node (target/bench/keycloak.jfr; one node only)
 * @param passwordPolicy the benchmark realms' password policy; by default a cheap hash, because the password step is
 *                       the same in every flow and Keycloak's default (Argon2) costs far more CPU than any second
 *                       factor, drowning the difference the benchmark is after in noise. Empty: Keycloak's default.
 */
record BenchSettings(int nodes, int clients, Duration warmup, Duration settle, Duration measure, int rounds,
                     int usersPerRealm, double twilioRate,
                     Duration readTimeout, int hangingLogins, boolean jfr, String passwordPolicy) {

    static final String CHEAP_PASSWORD_HASH = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)";

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.nodes", 1),
                Integer.getInteger("bench.clients", 4),
                Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 120)),
                Duration.ofSeconds(Integer.getInteger("bench.settleSeconds", 2)),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 10)),
                Integer.getInteger("bench.rounds", 6),
                Integer.getInteger("bench.users", 1000),
                Double.parseDouble(System.getProperty("bench.twilioRate", "2")),
                Duration.ofMillis(Integer.getInteger("bench.readTimeoutMs", 5000)),
                Integer.getInteger("bench.hangingLogins", 8),
                Boolean.getBoolean("bench.jfr"),
                System.getProperty("bench.passwordPolicy", CHEAP_PASSWORD_HASH));
    }

    @Override
    public String toString() {
        return String.format("%d node%s, %d clients per flow, %d s warm-up, %d s settling and %d s measured per phase, %d rounds, "
                        + "%d users per realm, Twilio logins at %.1f/s beside password-only ones, read timeout %d ms, "
                        + "password policy %s",
                nodes, nodes == 1 ? "" : "s", clients, warmup.toSeconds(), settle.toSeconds(), measure.toSeconds(), rounds,
                usersPerRealm, twilioRate, readTimeout.toMillis(), passwordPolicy.isEmpty() ? "Keycloak's default" : "'" + passwordPolicy + "'");
    }
}
