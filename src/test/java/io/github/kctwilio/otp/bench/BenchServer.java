package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.KeycloakCluster;
import io.github.kctwilio.otp.testsupport.KeycloakDistribution;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.SpiOptionNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the benchmark runs against: the Verify emulator and Keycloak in production mode (PostgreSQL, optimized
 * start) with the plugin and the three benchmark realms, on one node or as a cluster.
 */
final class BenchServer implements AutoCloseable {

    static final Path WORK = Path.of("target", "bench");
    /** The plugin's counter as Prometheus names it ({@code TwilioOtpMetrics.LIMITER_CACHE_OPERATIONS}). */
    private static final String LIMITER_CACHE_OPERATIONS = "twilio_otp_limiter_cache_operations_total";
    private static final HttpClient METRICS = HttpClient.newHttpClient();

    private final VerifyEmulator twilio;
    private final KeycloakCluster keycloak;

    private BenchServer(VerifyEmulator twilio, KeycloakCluster keycloak) {
        this.twilio = twilio;
        this.keycloak = keycloak;
    }

    static BenchServer start(BenchSettings settings, List<BenchUser> users, List<BenchUser> firstSignIns) throws Exception {
        VerifyEmulator twilio = VerifyEmulator.start();
        try {
            SpiOptionNames spi = SpiOptionNames.forKeycloakUnderTest();
            KeycloakCluster.Options options = new KeycloakCluster.Options()
                    .workDir(WORK)
                    .nodes(settings.nodes())
                    .option(spi.option("api-base-url", twilio.baseUrl()))
                    .option(spi.option("read-timeout-ms", String.valueOf(settings.readTimeout().toMillis())))
                    .env(spi.env("account-sid"), VerifyEmulator.ACCOUNT_SID)
                    .env(spi.env("verify-service-sid"), VerifyEmulator.SERVICE_SID)
                    .env("TWILIO_AUTH_TOKEN", VerifyEmulator.AUTH_TOKEN);
            BenchRealms.write(WORK.resolve("realms"), users, firstSignIns, settings.passwordPolicy()).forEach(options::realm);
            if (settings.jfr()) {
                // The recording itself starts after the warm-up (FlightRecording); Keycloak's request stacks are deeper
                // than JFR's default 64 frames, and a truncated stack no longer shows which step it belongs to.
                options.env("JAVA_OPTS_APPEND", "-XX:FlightRecorderOptions:stackdepth=256");
            }
            KeycloakCluster keycloak = KeycloakCluster.start(options);
            new AdminApi(keycloak.node(0).baseUrl()).declarePhoneAttributes(BenchRealms.TWILIO, "phoneNumber", "phoneNumberVerified");
            return new BenchServer(twilio, keycloak);
        } catch (Exception | Error e) {
            twilio.close();
            throw e;
        }
    }

    VerifyEmulator twilio() {
        return twilio;
    }

    List<String> nodeUrls() {
        return keycloak.nodes().stream().map(KeycloakDistribution::baseUrl).toList();
    }

    ServerMeter meter() {
        return new ServerMeter(keycloak.nodes().stream().map(KeycloakDistribution::serverProcess).toList());
    }

    /**
     * The send limiter's operations on the cluster-wide store so far, summed over the nodes (each node counts its own),
     * from the {@code /metrics} page of each node's management port.
     */
    double limiterCacheOperations() throws IOException, InterruptedException {
        double sum = 0;
        for (KeycloakDistribution node : keycloak.nodes()) {
            HttpResponse<String> page = METRICS.send(HttpRequest.newBuilder(URI.create(node.managementUrl() + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IOException("GET /metrics of " + node.managementUrl() + ": HTTP " + page.statusCode());
            }
            // Only this counter's lines: the rest of the page (JVM, Infinispan, JGroups meters) is none of our business.
            String lines = page.body().lines().filter(line -> line.startsWith(LIMITER_CACHE_OPERATIONS))
                    .collect(Collectors.joining("\n"));
            sum += new PrometheusText(lines).value(LIMITER_CACHE_OPERATIONS, Map.of());
        }
        return sum;
    }

    String startupTimes() {
        return String.join(", ", keycloak.nodes().stream().map(n -> String.format("%.0f s", n.startupTime().toMillis() / 1000.0)).toList());
    }

    @Override
    public void close() {
        keycloak.close();
        twilio.close();
    }
}
