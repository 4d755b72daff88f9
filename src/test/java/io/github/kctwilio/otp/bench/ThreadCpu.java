package io.github.kctwilio.otp.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Server CPU split by what the threads do, read per thread from Linux's {@code /proc/<pid>/task/<tid>}: Keycloak's
 * request threads (Quarkus workers and Vert.x event loops, where a login's own work runs), the JVM's JIT compilers
 * and garbage collectors (whose share falls as the JVM warms and which no flow owns), and the rest (Infinispan,
 * JGroups, timers, the database pool). Run time comes from {@code schedstat} (nanoseconds) where the kernel has it,
 * else from {@code stat}'s user + system ticks.
 *
 * @param requestNanos  request and event-loop threads
 * @param compilerNanos JIT compiler threads: near zero once the code a load runs is compiled, hence the settling test
 * @param gcNanos       GC threads (and the VM thread, which runs the GC's safepoint work)
 * @param otherNanos    every other thread
 */
record ThreadCpu(long requestNanos, long compilerNanos, long gcNanos, long otherNanos) {

    static final ThreadCpu ZERO = new ThreadCpu(0, 0, 0, 0);

    enum Kind { REQUEST, COMPILER, GC, OTHER }

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ is 100 on Linux

    /**
     * The kind of a thread by its name as the kernel keeps it (the first 15 characters of the Java name):
     * {@code executor-thread-3} is {@code executor-thread}, {@code vert.x-eventloop-thread-0} is {@code vert.x-eventloo}.
     */
    static Kind kindOf(String threadName) {
        if (threadName.startsWith("executor-thread") || threadName.startsWith("vert.x-eventloo") || threadName.startsWith("vert.x-worker")) {
            return Kind.REQUEST;
        }
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre") || threadName.startsWith("Sweeper thread")) {
            return Kind.COMPILER;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }

    /** One thread's kind and run time so far. */
    record ThreadSample(Kind kind, long nanos) {
    }

    /** Every live thread of one process now, by "pid/tid". */
    static void sample(long pid, Map<String, ThreadSample> into) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    into.put(pid + "/" + task.getFileName(), new ThreadSample(kindOf(name), runNanos(task)));
                } catch (NoSuchFileException ended) {
                    // the thread ended while we read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the threads of process " + pid + " (not Linux?)", e);
        }
    }

    /**
     * CPU between two samples, thread by thread: a thread born in between counts from zero, one that ended in between
     * is left out (pool threads end after a long idle time, so they take little of a window with them). Summing
     * process totals instead would subtract a whole ended thread's lifetime from the window.
     */
    static ThreadCpu between(Map<String, ThreadSample> before, Map<String, ThreadSample> after) {
        long request = 0;
        long compiler = 0;
        long gc = 0;
        long other = 0;
        for (Map.Entry<String, ThreadSample> thread : after.entrySet()) {
            ThreadSample earlier = before.get(thread.getKey());
            long nanos = thread.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
            switch (thread.getValue().kind()) {
                case REQUEST -> request += nanos;
                case COMPILER -> compiler += nanos;
                case GC -> gc += nanos;
                default -> other += nanos;
            }
        }
        return new ThreadCpu(request, compiler, gc, other);
    }

    private static long runNanos(Path task) throws IOException {
        Path schedstat = task.resolve("schedstat");
        if (Files.exists(schedstat)) {
            return Long.parseLong(Files.readString(schedstat).trim().split(" ")[0]);
        }
        String stat = Files.readString(task.resolve("stat"));
        // Fields after the command name, which sits in parentheses and may contain spaces: utime and stime are 14 and 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** What no flow owns: the JIT compilers and the garbage collector, printed together. */
    long jitGcNanos() {
        return compilerNanos + gcNanos;
    }

    ThreadCpu minus(ThreadCpu other) {
        return new ThreadCpu(requestNanos - other.requestNanos, compilerNanos - other.compilerNanos, gcNanos - other.gcNanos,
                otherNanos - other.otherNanos);
    }

    /**
     * This CPU without the JIT compilers': what an idle server spends whatever it ran before. The compilers' CPU in an
     * idle window is the backlog of a JIT not done yet, which is no background load to subtract.
     */
    ThreadCpu withoutCompilers() {
        return new ThreadCpu(requestNanos, 0, gcNanos, otherNanos);
    }

    /** This CPU scaled, e.g. an idle rate per second times a window's seconds. */
    ThreadCpu times(double factor) {
        return new ThreadCpu(Math.round(requestNanos * factor), Math.round(compilerNanos * factor), Math.round(gcNanos * factor),
                Math.round(otherNanos * factor));
    }
}
