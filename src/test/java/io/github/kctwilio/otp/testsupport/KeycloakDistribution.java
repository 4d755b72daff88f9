package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak server: the distribution zip from Maven Central (unpacked by the build), started as a local
 * process with the plugin jar in {@code providers/} and realms imported from JSON. No Docker needed.
 */
public final class KeycloakDistribution implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Process process;
    private final int httpPort;
    private final int managementPort;
    private final Path logFile;
    private final Duration startupTime;

    private KeycloakDistribution(Process process, int httpPort, int managementPort, Path logFile, Duration startupTime) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.startupTime = startupTime;
    }

    /** What to start: the distribution, the plugin, the realms, extra server options and environment. */
    public static final class Options {
        private Path home;
        private Path pluginJar;
        private final List<Path> testProviders = new ArrayList<>();
        private final List<Path> realmFiles = new ArrayList<>();
        private final List<Path> themes = new ArrayList<>();
        private final List<String> serverOptions = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();
        private Path logFile = Path.of("target", "keycloak.log");
        private int httpPort;
        private boolean inheritOutput;
        private boolean prebuilt;

        public Options home(Path value) { this.home = value; return this; }
        public Options pluginJar(Path value) { this.pluginJar = value; return this; }
        /** A test-only provider jar to install next to the plugin (never part of the plugin jar). */
        public Options testProvider(Path jar) { testProviders.add(jar); return this; }
        public Options realm(Path file) { realmFiles.add(file); return this; }
        /** A theme directory (its name is the theme's name) to install into the server's themes/. */
        public Options theme(Path dir) { themes.add(dir); return this; }
        public Options option(String option) { serverOptions.add(option); return this; }
        public Options env(String name, String value) { environment.put(name, value); return this; }
        public Options logFile(Path value) { this.logFile = value; return this; }
        /** 0 (the default) picks a free port. */
        public Options httpPort(int value) { this.httpPort = value; return this; }
        /** Also copy the server's output to this process's standard output (the demo). */
        public Options inheritOutput(boolean value) { this.inheritOutput = value; return this; }
        /**
         * The home was prepared with {@code kc.sh build} (plugin jar included, database and cache chosen there): start
         * it in production mode with {@code start --optimized}, leaving providers/ and themes/ as they are. The
         * database options come with {@link #option}.
         */
        public Options prebuilt(boolean value) { this.prebuilt = value; return this; }
    }

    public static KeycloakDistribution start(Options options) throws IOException, InterruptedException {
        Path home = options.home != null ? options.home : Path.of(requiredProperty("keycloak.home"));
        Path pluginJar = options.pluginJar != null ? options.pluginJar : Path.of(requiredProperty("plugin.jar"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": run 'mvn package' first");
        }
        if (!options.prebuilt) {
            prepareProviders(home, pluginJar, options.testProviders);
            prepareThemes(home, options.themes);
        }
        prepareImports(home, options.realmFiles);

        int httpPort = options.httpPort == 0 ? freePort() : options.httpPort;
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        if (options.prebuilt) {
            command.addAll(List.of("start", "--optimized"));
            if (!options.realmFiles.isEmpty()) {
                command.add("--import-realm");
            }
        } else {
            command.addAll(List.of("start-dev", "--health-enabled=true", "--db=dev-mem", "--import-realm"));
        }
        command.addAll(List.of("--http-port=" + httpPort, "--http-management-port=" + managementPort));
        command.addAll(options.serverOptions);

        Files.createDirectories(options.logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(options.environment);
        if (options.inheritOutput) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectOutput(options.logFile.toFile());
        }

        long started = System.nanoTime();
        Process process = builder.start();
        KeycloakDistribution server = new KeycloakDistribution(process, httpPort, managementPort, options.logFile,
                Duration.ZERO);
        try {
            // -Dkeycloak.start.timeout.minutes=N for a very busy machine (the version matrix); 8 minutes otherwise.
            server.awaitReady(Duration.ofMinutes(Long.getLong("keycloak.start.timeout.minutes", 8)));
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return new KeycloakDistribution(process, httpPort, managementPort, options.logFile,
                Duration.ofNanos(System.nanoTime() - started));
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** How long the server took from process start to ready. */
    public Duration startupTime() {
        return startupTime;
    }

    public Path logFile() {
        return logFile;
    }

    /** The server log so far (empty when the output went to the console). */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's JVM (kc.sh runs it as a child), for its CPU time and memory; the script itself when it has none. */
    public ProcessHandle serverProcess() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    /** Blocks until the process ends, for the demo. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        // kc.sh starts java as a child: stop the whole tree, children first.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(managementUrl() + "/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log " + logFile + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout + "; log " + logFile + ":\n" + tail());
    }

    private String tail() {
        String log = log();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    /**
     * Only our jar (and the run's test-only providers) in providers/: a stale jar from an earlier build would shadow
     * the one under test.
     */
    private static void prepareProviders(Path home, Path pluginJar, List<Path> testProviders) throws IOException {
        if (!Files.isRegularFile(pluginJar)) {
            throw new IllegalStateException("Plugin jar " + pluginJar + " is missing: run 'mvn package' first");
        }
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        try (Stream<Path> files = Files.list(providers)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.delete(file);
            }
        }
        Files.copy(pluginJar, providers.resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        for (Path jar : testProviders) {
            Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A fresh data/ directory: the dev-mem database starts empty and imports exactly these realms. */
    private static void prepareImports(Path home, List<Path> realmFiles) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path imports = data.resolve("import");
        Files.createDirectories(imports);
        for (Path realm : realmFiles) {
            Files.copy(realm, imports.resolve(realm.getFileName()));
        }
    }

    private static void prepareThemes(Path home, List<Path> themes) throws IOException {
        for (Path theme : themes) {
            Path target = home.resolve("themes").resolve(theme.getFileName().toString());
            try (Stream<Path> files = Files.walk(theme)) {
                for (Path source : files.toList()) {
                    Path copy = target.resolve(theme.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set (run through Maven: mvn verify)");
        }
        return value;
    }
}
