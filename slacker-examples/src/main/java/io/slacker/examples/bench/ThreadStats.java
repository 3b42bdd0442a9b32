package io.slacker.examples.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time and allocated bytes of some of a JVM's threads, summed, with CPU split by the role of
 * the thread (from its name), at one instant; {@link #minus} gives what a measurement window
 * used. Threads that end between two snapshots drop out of the sums, so snapshots are only
 * compared over windows in which the benchmark's threads all live.
 *
 * <p>Travels between the benchmark and its server JVM as one line of {@code key=value} pairs.
 *
 * @param processCpu CPU of the whole process (all threads, GC and JIT included), or 0 when the
 *                   snapshot covers only part of a process shared with the other side
 * @param allocated  bytes allocated by the threads
 * @param cpuByRole  CPU nanoseconds of the threads by {@link #ROLES role}
 * @param jitMillis  milliseconds the process's JIT compilers have spent so far (0 when not known, or when
 *                   {@code processCpu} is 0)
 */
record ThreadStats(long processCpu, long allocated, Map<String, Long> cpuByRole, long jitMillis) {
    /** The roles, in the benchmark's column order. */
    static final List<String> ROLES = List.of("caller", "client-io", "server-io", "worker", "other");

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The role of a thread by its name. */
    static String role(String thread) {
        if (thread.startsWith("bench-sender") || thread.equals("main")) {
            return "caller";
        }
        if (thread.startsWith("bench-client") || thread.startsWith("slacker-client")) {
            return "client-io";
        }
        if (thread.startsWith("slacker-io") || thread.startsWith("raw-io") || thread.startsWith("slacker-accept")
            || thread.startsWith("raw-accept")) {
            return "server-io";
        }
        if (thread.startsWith("slacker-worker") || thread.startsWith("raw-worker")) {
            return "worker";
        }
        return "other";
    }

    /** Whether a thread belongs to the servers under test. */
    static boolean serverThread(String thread) {
        String role = role(thread);
        return role.equals("server-io") || role.equals("worker");
    }

    /**
     * A snapshot of the threads whose name passes {@code threads}.
     *
     * @param withProcess whether to include the process CPU (false when both sides share the JVM
     *                    and the other side's snapshot has it)
     */
    static ThreadStats take(Predicate<String> threads, boolean withProcess) {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<String, Long> cpu = new LinkedHashMap<>();
        ROLES.forEach(r -> cpu.put(r, 0L));
        long alloc = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || !threads.test(infos[i].getThreadName())) {
                continue;
            }
            long ns = THREADS.getThreadCpuTime(ids[i]);
            if (ns > 0) {
                cpu.merge(role(infos[i].getThreadName()), ns, Long::sum);
            }
            if (allocated[i] > 0) {
                alloc += allocated[i];
            }
        }
        long process = withProcess ? ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() : 0;
        return new ThreadStats(process, alloc, cpu, withProcess ? jitSoFar() : 0);
    }

    /** Milliseconds this JVM's JIT compilers have spent so far (0 when the JVM does not say). */
    static long jitSoFar() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** What was used between {@code before} and this snapshot. */
    ThreadStats minus(ThreadStats before) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpuByRole.forEach((r, ns) -> cpu.put(r, ns - before.cpuByRole.getOrDefault(r, 0L)));
        return new ThreadStats(processCpu - before.processCpu, allocated - before.allocated, cpu,
            jitMillis - before.jitMillis);
    }

    /** The sum of two sides' usage. */
    ThreadStats plus(ThreadStats other) {
        Map<String, Long> cpu = new LinkedHashMap<>(cpuByRole);
        other.cpuByRole.forEach((r, ns) -> cpu.merge(r, ns, Long::sum));
        return new ThreadStats(processCpu + other.processCpu, allocated + other.allocated, cpu,
            jitMillis + other.jitMillis);
    }

    /** One line: {@code process=N allocated=N jit=N caller=N ...}. */
    String encode() {
        StringBuilder b = new StringBuilder().append("process=").append(processCpu).append(" allocated=").append(allocated)
            .append(" jit=").append(jitMillis);
        cpuByRole.forEach((r, ns) -> b.append(' ').append(r).append('=').append(ns));
        return b.toString();
    }

    /** The inverse of {@link #encode}. */
    static ThreadStats decode(String line) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String kv : line.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a stats line: " + line);
            }
            values.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        Map<String, Long> cpu = new LinkedHashMap<>();
        ROLES.forEach(r -> cpu.put(r, values.getOrDefault(r, 0L)));
        return new ThreadStats(values.getOrDefault("process", 0L), values.getOrDefault("allocated", 0L), cpu,
            values.getOrDefault("jit", 0L));
    }
}
