package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throw-away PostgreSQL: its own temporary directory (programs and data, deleted by {@link #close()}), its
 * own port on 127.0.0.1, no fsync, trust authentication for the user {@link #USER}. The programs come from the Maven
 * repository or {@code -Dpostgres.bin} ({@link PostgresBinaries}). Root may not run PostgreSQL, so as root the server
 * programs run as {@code nobody}. Starts in a few seconds.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "keycloak";
    public static final String DATABASE = "postgres";
    /** The unprivileged account the server runs as when the tests run as root (present on every Linux). */
    private static final String ROOT_RUNS_AS = "nobody";

    private final Path home;
    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path home, Path bin, Path dataDir, int port) {
        this.home = home;
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A fresh, empty database cluster in a new temporary directory, started. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("kctwilio-postgres-");
        try {
            // Under /tmp, not target/: as root the server's account must reach its files, and a checkout under a
            // private home directory would stop it. Others may pass through this directory but not list it.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
            Path bin = PostgresBinaries.find(home.resolve("pg"));
            Path data = home.resolve("data");
            Files.createDirectories(data);
            if (isRoot()) {
                run(List.of("chown", ROOT_RUNS_AS, data.toString()));
            }
            PostgresServer server = new PostgresServer(home, bin, data, KeycloakDistribution.freePort());
            server.initAndStart();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(home);
            throw e;
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        runAsOwner("initdb", "-D", dataDir.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C",
                "--no-instructions");
        Files.writeString(dataDir.resolve("postgresql.conf"), String.join("\n",
                "",
                "# a throw-away test database: fast, reachable on 127.0.0.1 only, no socket in /var/run",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + dataDir + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 300",
                ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Path log = dataDir.resolve("server.log");
        try {
            runAsOwner("pg_ctl", "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
        } catch (IllegalStateException e) {
            String serverLog = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no server log)";
            throw new IllegalStateException(e.getMessage() + "\nserver.log:\n" + serverLog, e);
        }
    }

    /** JDBC URL of the database Keycloak uses. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Stops at once and deletes its directory. Idempotent. */
    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                runAsOwner("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            System.err.println("Could not stop PostgreSQL in " + dataDir + ": " + e.getMessage());
        }
        try {
            deleteTree(home);
        } catch (IOException e) {
            System.err.println("Could not delete " + home + ": " + e.getMessage());
        }
    }

    private void runAsOwner(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", ROOT_RUNS_AS, "--"));
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
