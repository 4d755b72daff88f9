package io.github.kctwilio.otp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recording of the Keycloak node from the end of the warm-up on, started and written with {@code jcmd}:
 * recorded from JVM start, a profile is dominated by startup, class loading and the JIT's first minutes.
 * <p>
 * Recording is switched on before the warm-up all the same, and only what follows the warm-up is kept: switching it
 * on instruments JDK classes (socket and file events) and so throws compiled code away, which a recording started
 * after the warm-up would then measure as a second warm-up. The recording kept starts with the same settings while
 * the first is still on, so nothing is instrumented again.
 */
final class FlightRecording {

    private static final String WARM_UP = "bench-warm-up";
    private static final String NAME = "bench";

    private final long pid;
    private final Path file;

    private FlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Switches recording on, for the warm-up: see {@link #keepFromNow()}. */
    static FlightRecording start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + WARM_UP, "settings=profile");
        return new FlightRecording(pid, file.toAbsolutePath());
    }

    /** The recording written at {@link #stop()} starts now; the warm-up's is dropped. */
    void keepFromNow() throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        jcmd(pid, "JFR.stop", "name=" + WARM_UP);
    }

    /** Writes the recording to its file and stops it. */
    Path stop() throws IOException, InterruptedException {
        jcmd(pid, "JFR.dump", "name=" + NAME, "filename=" + file);
        jcmd(pid, "JFR.stop", "name=" + NAME);
        return file;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
