/**
 * The login benchmark, {@code mvn -Pbench package} (README, "Benchmark"): complete browser logins against a real
 * Keycloak with the plugin and the Verify emulator, measured once each flow's CPU per login has settled, printed as
 * tables. Not a test: it asserts nothing and {@code mvn verify} never runs it; the {@code bench} profile starts
 * {@link io.github.kctwilio.otp.bench.LoginBenchmark} from the test class path, where the emulator and the harness
 * ({@code testsupport/}) are. Its two {@code *Test} classes are unit tests of its statistics, run by {@code mvn test}.
 */
package io.github.kctwilio.otp.bench;
