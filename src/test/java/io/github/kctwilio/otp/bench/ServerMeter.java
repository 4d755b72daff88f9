package io.github.kctwilio.otp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and peak resident memory of the Keycloak JVMs, read from Linux's /proc: what the server spends, whatever
 * the benchmark's own JVM (clients, emulator) spends beside it on the same machine.
 */
final class ServerMeter {

    private final List<ProcessHandle> servers;

    ServerMeter(List<ProcessHandle> servers) {
        this.servers = List.copyOf(servers);
    }

    List<ProcessHandle> servers() {
        return servers;
    }

    /** The run time of every live thread of the server processes now; see {@link #cpuSince(Map)}. */
    Map<String, ThreadCpu.ThreadSample> sample() {
        Map<String, ThreadCpu.ThreadSample> threads = new HashMap<>();
        for (ProcessHandle server : servers) {
            ThreadCpu.sample(server.pid(), threads);
        }
        return threads;
    }

    /** CPU time of the server processes since {@code before}, by kind of thread. */
    ThreadCpu cpuSince(Map<String, ThreadCpu.ThreadSample> before) {
        return ThreadCpu.between(before, sample());
    }

    /**
     * Starts a new peak: the kernel's high-water mark of resident memory (VmHWM) is reset by writing 5 to
     * clear_refs, which the owner of the process may do. Where that is refused, the peak counts from process start.
     */
    boolean resetPeakMemory() {
        boolean reset = true;
        for (ProcessHandle server : servers) {
            try {
                Files.writeString(Path.of("/proc", String.valueOf(server.pid()), "clear_refs"), "5");
            } catch (IOException e) {
                reset = false;
            }
        }
        return reset;
    }

    /** Sum over the servers of the peak resident memory since {@link #resetPeakMemory()}, in MiB. */
    long peakMemoryMiB() {
        long kib = 0;
        for (ProcessHandle server : servers) {
            kib += kib(Path.of("/proc", String.valueOf(server.pid()), "status"), "VmHWM:");
        }
        return kib / 1024;
    }

    /** A "Name:   1234 kB" field of a /proc file such as status or meminfo, in KiB; 0 when absent. */
    static long kib(Path procFile, String field) {
        try {
            for (String line : Files.readAllLines(procFile)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
