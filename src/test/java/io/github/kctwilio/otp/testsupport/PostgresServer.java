package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throw-away PostgreSQL from Debian's {@code postgresql} package: its own data directory, its own port on
 * 127.0.0.1, no fsync, trust authentication for the user {@link #USER}. Root may not run PostgreSQL, so as root the
 * server programs run as the {@code postgres} user. Starts in about a second.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "keycloak";
    public static final String DATABASE = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A fresh, empty database cluster in {@code dataDir} (deleted first if it exists), started. */
    public static PostgresServer start(Path dataDir) throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path data = dataDir.toAbsolutePath();
        deleteTree(data);
        Files.createDirectories(data);
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", data.toString()));
        }
        PostgresServer server = new PostgresServer(bin, data, KeycloakDistribution.freePort());
        server.runAsOwner("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-instructions");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "",
                "# a throw-away test database: fast, reachable on 127.0.0.1 only, no socket in /var/run",
                "listen_addresses = '127.0.0.1'",
                "port = " + server.port,
                "unix_socket_directories = '" + data + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 300",
                ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        server.runAsOwner("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60", "start");
        return server;
    }

    /** JDBC URL of the database Keycloak uses. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Stops at once; the data directory is thrown away at the next start. Idempotent. */
    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                runAsOwner("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            System.err.println("Could not stop PostgreSQL in " + dataDir + ": " + e.getMessage());
        }
    }

    /**
     * The newest {@code /usr/lib/postgresql/<version>/bin} with {@code initdb} and {@code pg_ctl}, or the directory
     * in {@code -Dpostgres.bin}. Fails with what to install when there is none: a missing database is a broken
     * machine, not a reason to skip the cluster tests.
     */
    public static Path findBinaries() {
        String configured = System.getProperty("postgres.bin");
        Optional<Path> found = configured != null ? Optional.of(Path.of(configured)).filter(PostgresServer::hasServerPrograms)
                : newestDebianInstall();
        return found.orElseThrow(() -> new IllegalStateException("PostgreSQL not found: the cluster tests and the cluster "
                + "benchmark need Debian's 'postgresql' package (initdb and pg_ctl in /usr/lib/postgresql/<version>/bin). "
                + "Install it with 'apt-get install postgresql' (scripts/ci-packages.sh does), or point -Dpostgres.bin at "
                + "a directory holding initdb and pg_ctl."
                + (configured != null ? " -Dpostgres.bin=" + configured + " holds no initdb and pg_ctl." : "")));
    }

    private static Optional<Path> newestDebianInstall() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(PostgresServer::hasServerPrograms)
                    .max(Comparator.comparingInt(PostgresServer::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean hasServerPrograms(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private void runAsOwner(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
