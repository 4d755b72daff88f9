package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Keycloak as it runs in production, on this machine: one PostgreSQL, one {@code kc.sh build} for PostgreSQL and the
 * clustered Infinispan cache (with the plugin jar), and that built tree copied once per node and started with
 * {@code start --optimized}. Nodes find each other through the database ({@code --cache-stack=jdbc-ping}) and share
 * authentication sessions, brute-force records and single-use objects. The first node starts alone (it creates the
 * schema and imports the realms), then the others join. Stopped by {@link #close()} or, failing that, at JVM exit.
 */
public final class KeycloakCluster implements AutoCloseable {

    private final PostgresServer postgres;
    private final List<KeycloakDistribution> nodes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "keycloak-cluster-shutdown");

    private KeycloakCluster(PostgresServer postgres, List<KeycloakDistribution> nodes) {
        this.postgres = postgres;
        this.nodes = nodes;
    }

    /** What to start: how many nodes, where to work, the realms (imported by the first node), options for every node. */
    public static final class Options {
        private Path workDir = Path.of("target", "cluster");
        private int nodeCount = 2;
        private final List<Path> realmFiles = new ArrayList<>();
        private final List<String> serverOptions = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();

        public Options workDir(Path value) { this.workDir = value; return this; }
        public Options nodes(int value) { this.nodeCount = value; return this; }
        public Options realm(Path file) { realmFiles.add(file); return this; }
        public Options option(String option) { serverOptions.add(option); return this; }
        public Options env(String name, String value) { environment.put(name, value); return this; }
    }

    public static KeycloakCluster start(Options options) throws IOException, InterruptedException {
        Path work = options.workDir.toAbsolutePath();
        Files.createDirectories(work);
        PostgresServer postgres = PostgresServer.start();
        List<KeycloakDistribution> nodes = new ArrayList<>();
        KeycloakCluster cluster = new KeycloakCluster(postgres, nodes);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            Path built = buildDistribution(work);
            for (int i = 0; i < options.nodeCount; i++) {
                Path home = work.resolve("node" + i);
                PostgresServer.deleteTree(home);
                copyTree(built, home);
                nodes.add(KeycloakDistribution.start(nodeOptions(options, cluster, i, home, work)));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public List<KeycloakDistribution> nodes() {
        return List.copyOf(nodes);
    }

    public KeycloakDistribution node(int index) {
        return nodes.get(index);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** Stops every node, then the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        postgres.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    private static KeycloakDistribution.Options nodeOptions(Options options, KeycloakCluster cluster, int index, Path home,
                                                            Path work) throws IOException {
        KeycloakDistribution.Options node = new KeycloakDistribution.Options()
                .home(home)
                .prebuilt(true)
                .logFile(work.resolve("node" + index + ".log"))
                .option("--db-url=" + cluster.postgres.jdbcUrl())
                .option("--db-username=" + PostgresServer.USER)
                .option("--db-password=unused-trust-auth")
                .option("--http-enabled=true")
                .option("--http-host=127.0.0.1")
                .option("--hostname-strict=false")
                .option("--cache-stack=jdbc-ping")
                .option("--cache-embedded-network-bind-address=127.0.0.1")
                .option("--cache-embedded-network-bind-port=" + clusterPort())
                .option("--spi-cache-embedded--default--node-name=kc" + index);
        if (index == 0) {
            options.realmFiles.forEach(node::realm);
        }
        options.serverOptions.forEach(node::option);
        options.environment.forEach(node::env);
        return node;
    }

    /**
     * {@code kc.sh build} once, on a copy of the unpacked distribution with only the plugin jar in providers/.
     * Metrics are on so that the benchmark can read them; they cost nothing measurable.
     */
    private static Path buildDistribution(Path work) throws IOException, InterruptedException {
        Path source = Path.of(KeycloakDistribution.requiredProperty("keycloak.home"));
        Path pluginJar = Path.of(KeycloakDistribution.requiredProperty("plugin.jar"));
        Path built = work.resolve("dist-built");
        PostgresServer.deleteTree(built);
        copyTree(source, built);
        try (Stream<Path> jars = Files.list(built.resolve("providers"))) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        Files.copy(pluginJar, built.resolve("providers").resolve(pluginJar.getFileName()));
        Path log = work.resolve("build.log");
        Process build = new ProcessBuilder(built.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--cache=ispn",
                "--health-enabled=true", "--metrics-enabled=true")
                .directory(built.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed; see " + log + ":\n" + Files.readString(log));
        }
        return built;
    }

    /** Copies a distribution without its data/ (per-server state that another server may be writing right now). */
    private static void copyTree(Path from, Path to) throws IOException {
        Path data = from.resolve("data");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(data)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * A port for the node's cluster transport. JGroups also binds this port + 50000, so the port stays below 15536
     * and both must be free; the range lies below the ephemeral ports the kernel hands out for {@code freePort()}.
     */
    private static int clusterPort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, 15_500);
            try (ServerSocket a = new ServerSocket(port, 1, loopback); ServerSocket b = new ServerSocket(port + 50_000, 1, loopback)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("No free pair of ports p and p+50000 for the cluster transport");
    }
}
