package io.slacker.examples.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.RemoteFunction;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Round trips through slacker ({@link SlackerServer} + {@link SlackerClient}, content types carb
 * (Kryo) and clj (EDN)) against a plain Netty echo of the same payload ({@link RawEcho}),
 * measured in the same run, interleaved, and printed side by side with their ratio.
 *
 * <p>The call is {@code bench/echo} of a 32-character ASCII string (the payload size is an
 * option); the raw echo sends the same number of bytes behind a 4-byte length. Everything runs
 * on 127.0.0.1 over NIO (the slacker client is NIO only, so the server's epoll is switched off
 * with {@code -Dslacker.noEpoll=true} to keep both sides equal).
 *
 * <p>Scenarios:
 * <ul>
 *   <li>{@code lat}: one connection, one call in flight, blocking round trips from one thread:
 *       p50/p99 latency and calls/s. Goal: slacker p50 within 1.3x of the raw echo.</li>
 *   <li>{@code CxW} (e.g. {@code 1x64}, {@code 4x256}): C connections, W calls in flight in total
 *       (W/C per connection, one sending thread per connection windowed by a semaphore; slacker
 *       through {@link SlackerClient#callAsync}, clients sharing one event loop group): calls/s.
 *       Goal: slacker at least 50% of the raw echo.</li>
 *   <li>{@code breakdown}: the CPU cost per call of serialization and frame coding, measured in
 *       isolation on one thread, to compare with the round-trip difference; and how the
 *       serializers scale from one to four threads.</li>
 * </ul>
 *
 * <p>Besides calls/s and latency, every scenario reports CPU time per call: of the whole process
 * and of its Java threads by role (caller, client I/O, server I/O, server workers), from
 * {@link ThreadMXBean}; on a busy machine this says more than the rates.
 *
 * <p>Targets: {@code raw} (echo on the server's I/O thread), {@code raw-pool} (echo from a worker
 * pool of the same size as slacker's: the thread hop every slacker call makes, for reference),
 * {@code carb}, {@code clj}, and {@code carb-io} / {@code clj-io} (a what-if: the namespace given
 * an executor that runs calls on the server's I/O thread, i.e. slacker without the worker hop). Each scenario runs in rounds; within a round every target runs once
 * (the order rotates per round), so background load hits all of them alike. Figures are summed
 * over the rounds; the spread column is (max - min) / mean of the per-round calls/s.
 *
 * <p>Options ({@code --name=value}): {@code scenarios} (default {@code lat,1x64,1x256,4x64,4x256,breakdown}),
 * {@code targets} ({@code raw,raw-pool,carb,clj,carb-io}; also {@code clj-io}), {@code seconds} per round and
 * target (1.2),
 * {@code rounds} (3), {@code warmup} seconds per target before the first scenario (2),
 * {@code payload} bytes (32), {@code server-io} and {@code client-io} event loop threads (2, 2),
 * {@code workers} (slacker server threads and raw-pool size, 10). With the defaults the run takes
 * about two minutes.
 */
public final class RpcBenchmark {
    private static final String NS = "bench";
    private static final String FN = "echo";
    private static final int MAX_CONNECTIONS = 4;

    private RpcBenchmark() {
    }

    /** The settings of a run. */
    private record Options(List<String> scenarios, List<String> targets, double seconds, int rounds, double warmup,
                           int payload, int serverIo, int clientIo, int workers) {
        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("scenarios", "lat,1x64,1x256,4x64,4x256,breakdown");
            m.put("targets", "raw,raw-pool,carb,clj,carb-io");
            m.put("seconds", "1.2");
            m.put("rounds", "3");
            m.put("warmup", "2");
            m.put("payload", "32");
            m.put("server-io", "2");
            m.put("client-io", "2");
            m.put("workers", "10");
            for (String a : args) {
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println("options (--name=value), defaults: " + m);
                    System.exit(0);
                }
                int eq = a.indexOf('=');
                if (!a.startsWith("--") || eq < 0 || !m.containsKey(a.substring(2, eq))) {
                    throw new IllegalArgumentException("unknown argument " + a + "; options (--name=value): " + m.keySet());
                }
                m.put(a.substring(2, eq), a.substring(eq + 1));
            }
            return new Options(List.of(m.get("scenarios").split(",")), List.of(m.get("targets").split(",")),
                Double.parseDouble(m.get("seconds")), Integer.parseInt(m.get("rounds")),
                Double.parseDouble(m.get("warmup")), Integer.parseInt(m.get("payload")),
                Integer.parseInt(m.get("server-io")), Integer.parseInt(m.get("client-io")),
                Integer.parseInt(m.get("workers")));
        }
    }

    /** Something to make round trips with, over up to {@link #MAX_CONNECTIONS} connections. */
    private interface Target extends AutoCloseable {
        String name();

        /** One blocking round trip on connection {@code conn}. */
        void roundTrip(int conn) throws Exception;

        /** Starts a round trip on {@code conn}; {@code done} runs when it ends (on any thread). */
        void send(int conn, Runnable done);

        /** Failed or wrong round trips so far. */
        long errors();

        @Override
        void close();
    }

    /** The raw Netty echo, with or without a worker pool on the server. */
    private static final class RawTarget implements Target {
        private final String name;
        private final RawEcho.Server server;
        private final EventLoopGroup group;
        private final RawEcho.Client[] clients = new RawEcho.Client[MAX_CONNECTIONS];
        private final LongAdder errors = new LongAdder();

        RawTarget(String name, Options o, int workers, byte[] payload) throws InterruptedException {
            this.name = name;
            this.server = new RawEcho.Server(o.serverIo(), workers);
            this.group = clientGroup(o, name);
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new RawEcho.Client(group, server.port(), payload);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void roundTrip(int conn) throws Exception {
            clients[conn].roundTrip();
        }

        @Override
        public void send(int conn, Runnable done) {
            RawEcho.Client c = clients[conn];
            c.send(echo -> {
                if (!c.matches(echo)) {
                    errors.increment();
                }
                done.run();
            });
        }

        @Override
        public long errors() {
            long n = errors.sum();
            for (RawEcho.Client c : clients) {
                n += c.errors();
            }
            return n;
        }

        @Override
        public void close() {
            for (RawEcho.Client c : clients) {
                c.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            server.close();
        }
    }

    /** A slacker server and clients of one content type. */
    private static final class SlackerTarget implements Target {
        private final String name;
        private final SlackerServer server;
        private final EventLoopGroup group;
        private final SlackerClient[] clients = new SlackerClient[MAX_CONNECTIONS];
        private final String payload;
        private final List<Object> args;
        private final CallOptions options = CallOptions.defaults();
        private final LongAdder errors = new LongAdder();

        SlackerTarget(ContentType type, boolean direct, Options o, String payload) {
            this.name = "slacker " + type.wireName() + (direct ? " io" : "");
            this.payload = payload;
            this.args = List.of(payload);
            Map<String, RemoteFunction> fns = Map.of(FN, a -> a.get(0));
            SlackerServer.Builder b = SlackerServer.builder().host("127.0.0.1").port(0).expose(NS, fns)
                .threads(o.workers()).ioThreads(o.serverIo());
            if (direct) {
                b.executor(NS, new DirectExecutor());
            }
            this.server = b.start();
            this.group = clientGroup(o, type.wireName());
            for (int i = 0; i < clients.length; i++) {
                clients[i] = SlackerClient.builder().address("127.0.0.1", server.port()).contentType(type)
                    .timeout(Duration.ofSeconds(30)).eventLoopGroup(group).build();
                // connect now, in order, so that connections spread over the group's loops as the raw ones do
                if (!payload.equals(clients[i].call(NS, FN, args))) {
                    throw new IllegalStateException(name + ": echo returned something else");
                }
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void roundTrip(int conn) {
            if (!payload.equals(clients[conn].call(NS, FN, args, options))) {
                errors.increment();
            }
        }

        @Override
        public void send(int conn, Runnable done) {
            clients[conn].callAsync(NS, FN, args, options).whenComplete((v, e) -> {
                if (e != null || !payload.equals(v)) {
                    errors.increment();
                }
                done.run();
            });
        }

        @Override
        public long errors() {
            return errors.sum();
        }

        @Override
        public void close() {
            for (SlackerClient c : clients) {
                c.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            server.close();
        }
    }

    /**
     * Runs each task on the thread that submits it: given to the server for the benchmark's
     * namespace, calls run on the server's I/O thread instead of a worker (what-if: no hop).
     */
    private static final class DirectExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private static EventLoopGroup clientGroup(Options o, String name) {
        return new MultiThreadIoEventLoopGroup(o.clientIo(), new DefaultThreadFactory("bench-client-" + name, true),
            NioIoHandler.newFactory());
    }

    /** The outcome of one target in one scenario, summed over rounds. */
    private static final class Result {
        long calls;
        long nanos;
        long errors;
        long[] latencies = new long[0];
        int latencyCount;
        final List<Double> perRound = new ArrayList<>();
        long processCpu;
        final Map<String, Long> cpuByGroup = new LinkedHashMap<>();

        void addCpu(Cpu before, Cpu after) {
            processCpu += after.process - before.process;
            after.byThread.forEach((id, ns) -> {
                Long b = before.byThread.get(id);
                if (b != null) {
                    cpuByGroup.merge(after.groups.get(id), ns - b, Long::sum);
                }
            });
        }

        double cpuMicrosPerCall(long nanos) {
            return calls == 0 ? Double.NaN : nanos / 1e3 / calls;
        }

        double callsPerSecond() {
            return calls * 1e9 / nanos;
        }

        double spread() {
            if (perRound.size() < 2) {
                return 0;
            }
            double min = perRound.stream().mapToDouble(d -> d).min().orElse(0);
            double max = perRound.stream().mapToDouble(d -> d).max().orElse(0);
            double mean = perRound.stream().mapToDouble(d -> d).average().orElse(1);
            return (max - min) / mean;
        }

        void addLatency(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, Math.max(1 << 16, latencies.length * 2));
            }
            latencies[latencyCount++] = nanos;
        }

        /** Percentile in microseconds (after {@link #sort}). */
        double percentileMicros(double p) {
            if (latencyCount == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latencyCount - 1, Math.max(0, Math.ceil(p / 100.0 * latencyCount) - 1));
            return latencies[i] / 1e3;
        }

        void sort() {
            Arrays.sort(latencies, 0, latencyCount);
        }
    }

    /** The thread groups CPU time is reported by, in column order. */
    private static final List<String> GROUPS = List.of("caller", "client-io", "server-io", "worker", "other");

    /** Per-thread and process CPU time at one instant. */
    private static final class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final long process;
        final Map<Long, Long> byThread = new java.util.HashMap<>();
        final Map<Long, String> groups = new java.util.HashMap<>();

        Cpu() {
            long[] ids = THREADS.getAllThreadIds();
            for (ThreadInfo info : THREADS.getThreadInfo(ids)) {
                if (info == null) {
                    continue;
                }
                long ns = THREADS.getThreadCpuTime(info.getThreadId());
                if (ns >= 0) {
                    byThread.put(info.getThreadId(), ns);
                    groups.put(info.getThreadId(), group(info.getThreadName()));
                }
            }
            process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        }

        static String group(String thread) {
            if (thread.startsWith("bench-sender") || thread.equals("main")) {
                return "caller";
            }
            if (thread.startsWith("bench-client")) {
                return "client-io";
            }
            if (thread.startsWith("slacker-io") || thread.startsWith("raw-io")) {
                return "server-io";
            }
            if (thread.startsWith("slacker-worker") || thread.startsWith("raw-worker")) {
                return "worker";
            }
            return "other";
        }
    }

    /** Runs the benchmark and prints the tables. */
    public static void main(String[] args) throws Exception {
        // the slacker client is NIO only: run the slacker server on NIO too, like the raw echo
        System.setProperty("slacker.noEpoll", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o = Options.parse(args);
        byte[] bytes = new byte[o.payload()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        String payload = new String(bytes, StandardCharsets.US_ASCII);

        System.out.printf(Locale.ROOT, "RpcBenchmark: payload %d bytes, %d round(s) x %.1f s per target, warm-up %.1f s, "
                + "server I/O threads %d, client I/O threads %d, workers %d, %d CPUs, %s%n%n", o.payload(), o.rounds(),
            o.seconds(), o.warmup(), o.serverIo(), o.clientIo(), o.workers(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

        List<Target> targets = new ArrayList<>();
        try {
            for (String t : o.targets()) {
                targets.add(switch (t) {
                    case "raw" -> new RawTarget("raw echo", o, 0, bytes);
                    case "raw-pool" -> new RawTarget("raw echo+pool", o, o.workers(), bytes);
                    case "carb" -> new SlackerTarget(ContentType.CARB, false, o, payload);
                    case "clj" -> new SlackerTarget(ContentType.CLJ, false, o, payload);
                    case "carb-io" -> new SlackerTarget(ContentType.CARB, true, o, payload);
                    case "clj-io" -> new SlackerTarget(ContentType.CLJ, true, o, payload);
                    default -> throw new IllegalArgumentException("unknown target " + t);
                });
            }
            long start = System.nanoTime();
            if (o.warmup() > 0) {
                for (Target t : targets) {
                    pipelined(t, 1, 64, o.warmup() / 2, new Result());
                    latency(t, o.warmup() / 2, new Result());
                }
            }
            List<String> scenarios = new ArrayList<>(o.scenarios());
            boolean breakdown = scenarios.remove("breakdown");
            if (!scenarios.isEmpty()) {
                printHeader();
            }
            Map<String, Map<Target, Result>> all = new LinkedHashMap<>();
            for (String s : scenarios) {
                Map<Target, Result> results = new LinkedHashMap<>();
                targets.forEach(t -> results.put(t, new Result()));
                for (int r = 0; r < o.rounds(); r++) {
                    for (int k = 0; k < targets.size(); k++) {
                        Target t = targets.get((k + r) % targets.size());
                        runScenario(s, t, o.seconds(), results.get(t));
                    }
                }
                printScenario(s, results);
                all.put(s, results);
            }
            if (!all.isEmpty()) {
                printCpu(all);
            }
            System.out.printf(Locale.ROOT, "%n(measured in %.0f s)%n", (System.nanoTime() - start) / 1e9);
            if (breakdown) {
                breakdown(payload, o.payload());
            }
        } finally {
            for (Target t : targets) {
                t.close();
            }
        }
    }

    private static void runScenario(String scenario, Target t, double seconds, Result result) throws Exception {
        if (scenario.equals("lat")) {
            latency(t, seconds, result);
            return;
        }
        String[] cw = scenario.split("x");
        if (cw.length != 2) {
            throw new IllegalArgumentException("unknown scenario " + scenario + " (lat, CxW such as 4x256, breakdown)");
        }
        int conns = Integer.parseInt(cw[0]);
        int window = Integer.parseInt(cw[1]);
        if (conns < 1 || conns > MAX_CONNECTIONS || window < conns) {
            throw new IllegalArgumentException("scenario " + scenario + ": 1.." + MAX_CONNECTIONS + " connections, "
                + "at least one call in flight per connection");
        }
        pipelined(t, conns, window, seconds, result);
    }

    /** Blocking round trips on connection 0 for {@code seconds} (after a short unrecorded ramp). */
    private static void latency(Target t, double seconds, Result result) throws Exception {
        long errorsBefore = t.errors();
        long rampEnd = System.nanoTime() + 100_000_000L;
        while (System.nanoTime() < rampEnd) {
            t.roundTrip(0);
        }
        Cpu cpu0 = new Cpu();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long calls = 0;
        long now = start;
        while (now < deadline) {
            long t0 = now;
            t.roundTrip(0);
            now = System.nanoTime();
            result.addLatency(now - t0);
            calls++;
        }
        result.addCpu(cpu0, new Cpu());
        result.calls += calls;
        result.nanos += now - start;
        result.perRound.add(calls * 1e9 / (now - start));
        result.errors += t.errors() - errorsBefore;
    }

    /**
     * {@code conns} sending threads, each keeping {@code window / conns} calls in flight on its
     * connection; counts the round trips completed during {@code seconds} after a short ramp.
     */
    private static void pipelined(Target t, int conns, int window, double seconds, Result result) throws Exception {
        long errorsBefore = t.errors();
        LongAdder completed = new LongAdder();
        int perConn = window / conns;
        Semaphore[] windows = new Semaphore[conns];
        Thread[] senders = new Thread[conns];
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int c = 0; c < conns; c++) {
            Semaphore w = new Semaphore(perConn);
            windows[c] = w;
            int conn = c;
            Runnable done = () -> {
                completed.increment();
                w.release();
            };
            senders[c] = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        if (w.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            t.send(conn, done);
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "bench-sender-" + c);
            senders[c].setDaemon(true);
        }
        for (Thread s : senders) {
            s.start();
        }
        Thread.sleep(100);
        Cpu cpu0 = new Cpu();
        long c0 = completed.sum();
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long c1 = completed.sum();
        long end = System.nanoTime();
        result.addCpu(cpu0, new Cpu());
        stop.set(true);
        for (Thread s : senders) {
            s.join();
        }
        for (Semaphore w : windows) {
            if (!w.tryAcquire(perConn, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(t.name() + ": calls still in flight 30 s after the end of the run");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(t.name() + ": sender failed", failure.get());
        }
        result.calls += c1 - c0;
        result.nanos += end - start;
        result.perRound.add((c1 - c0) * 1e9 / (end - start));
        result.errors += t.errors() - errorsBefore;
    }

    private static final String ROW = "%-9s %-16s %10s %6s %8s %8s %8s %8s %8s %8s  %s%n";

    private static void printHeader() {
        System.out.printf(Locale.ROOT, ROW, "scenario", "target", "calls/s", "spread", "p50 us", "p99 us", "thr/raw",
            "p50/raw", "p99/raw", "cpu us", "goal");
    }

    private static String label(String scenario) {
        return scenario.equals("lat") ? "1c x1" : scenario.replace("x", "c x");
    }

    /** Process CPU per call, and Java thread CPU per call by thread group. */
    private static void printCpu(Map<String, Map<Target, Result>> all) {
        String row = "%-9s %-16s %9s %9s %9s %9s %9s %9s %9s%n";
        System.out.printf(Locale.ROOT, "%nCPU time per call (us; process = all threads incl. GC/JIT, then Java threads by "
            + "role: caller = main/sender threads, worker = server pool)%n");
        System.out.printf(Locale.ROOT, row, "scenario", "target", "process", "x raw", GROUPS.get(0), GROUPS.get(1),
            GROUPS.get(2), GROUPS.get(3), GROUPS.get(4));
        for (Map.Entry<String, Map<Target, Result>> s : all.entrySet()) {
            String label = label(s.getKey());
            Result raw = rawOf(s.getValue());
            for (Map.Entry<Target, Result> e : s.getValue().entrySet()) {
                Result r = e.getValue();
                double cpu = r.cpuMicrosPerCall(r.processCpu);
                List<String> cols = new ArrayList<>();
                for (String g : GROUPS) {
                    cols.add(fmt("%.2f", r.cpuMicrosPerCall(r.cpuByGroup.getOrDefault(g, 0L))));
                }
                System.out.printf(Locale.ROOT, row, label, e.getKey().name(), fmt("%.2f", cpu),
                    raw == null ? "" : fmt("%.2f", cpu / raw.cpuMicrosPerCall(raw.processCpu)), cols.get(0), cols.get(1),
                    cols.get(2), cols.get(3), cols.get(4));
                label = "";
            }
        }
    }

    private static Result rawOf(Map<Target, Result> results) {
        for (Map.Entry<Target, Result> e : results.entrySet()) {
            if (e.getKey().name().equals("raw echo")) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void printScenario(String scenario, Map<Target, Result> results) {
        Result raw = rawOf(results);
        boolean lat = scenario.equals("lat");
        String label = label(scenario);
        for (Map.Entry<Target, Result> e : results.entrySet()) {
            Result r = e.getValue();
            r.sort();
            String goal = "";
            boolean slacker = e.getKey().name().startsWith("slacker") && !e.getKey().name().endsWith(" io");
            if (raw != null && slacker) {
                if (lat) {
                    double ratio = r.percentileMicros(50) / raw.percentileMicros(50);
                    goal = ratio <= 1.3 ? "met (p50 <= 1.3x)" : "MISSED (p50 <= 1.3x)";
                } else {
                    double ratio = r.callsPerSecond() / raw.callsPerSecond();
                    goal = ratio >= 0.5 ? "met (>= 0.5x)" : "MISSED (>= 0.5x)";
                }
            }
            if (r.errors > 0) {
                goal += " ERRORS: " + r.errors;
            }
            System.out.printf(Locale.ROOT, ROW, label, e.getKey().name(), fmt("%,.0f", r.callsPerSecond()),
                fmt("%.0f%%", r.spread() * 100),
                lat ? fmt("%.1f", r.percentileMicros(50)) : "", lat ? fmt("%.1f", r.percentileMicros(99)) : "",
                raw == null ? "" : fmt("%.2f", r.callsPerSecond() / raw.callsPerSecond()),
                raw == null || !lat ? "" : fmt("%.2f", r.percentileMicros(50) / raw.percentileMicros(50)),
                raw == null || !lat ? "" : fmt("%.2f", r.percentileMicros(99) / raw.percentileMicros(99)),
                fmt("%.2f", r.cpuMicrosPerCall(r.processCpu)), goal);
            label = "";
        }
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    private static volatile Object sink;

    /** One measured operation of the breakdown. */
    @FunctionalInterface
    private interface Op {
        Object run();
    }

    /**
     * The CPU cost of each codec step of one slacker call, in isolation on this thread: the
     * argument vector and the result through each content type, and the request and response
     * frames through {@link FrameCodec} (encode into a reused heap buffer, decode from it).
     */
    private static void breakdown(String payload, int payloadBytes) {
        Serializers serializers = Serializers.defaults();
        List<Object> args = List.of(payload);
        ByteBuf buf = Unpooled.buffer(256);
        System.out.printf(Locale.ROOT, "%nper-call CPU in isolation (one thread, ns/op):%n");
        String fmt = "%-7s %11s %11s %11s %11s %11s %11s %9s %9s%n";
        System.out.printf(Locale.ROOT, fmt, "type", "ser args", "deser args", "ser result", "deser res", "req frame",
            "resp frame", "sum us", "bytes");
        for (ContentType type : List.of(ContentType.CARB, ContentType.CLJ)) {
            Serializer s = serializers.get(type);
            byte[] argBytes = s.serialize(args);
            byte[] resBytes = s.serialize(payload);
            Frame.Request req = new Frame.Request(Frame.V6, 1, type, NS + "/" + FN, argBytes, List.of());
            Frame.Response resp = new Frame.Response(Frame.V6, 1, type, ResultCode.SUCCESS, resBytes, List.of());
            double serArgs = nanosPerOp(() -> s.serialize(args));
            double deserArgs = nanosPerOp(() -> s.deserialize(argBytes));
            double serRes = nanosPerOp(() -> s.serialize(payload));
            double deserRes = nanosPerOp(() -> s.deserialize(resBytes));
            double reqFrame = nanosPerOp(() -> codecRoundTrip(req, buf));
            double respFrame = nanosPerOp(() -> codecRoundTrip(resp, buf));
            double sum = serArgs + deserArgs + serRes + deserRes + reqFrame + respFrame;
            System.out.printf(Locale.ROOT, fmt, type.wireName(), fmt("%.0f", serArgs), fmt("%.0f", deserArgs),
                fmt("%.0f", serRes), fmt("%.0f", deserRes), fmt("%.0f", reqFrame), fmt("%.0f", respFrame),
                fmt("%.2f", sum / 1e3), argBytes.length + "/" + resBytes.length);
        }
        System.out.printf(Locale.ROOT, "(best of 3; frame = encode + decode, one on each side of the connection; sum = the "
            + "codec CPU of one call, both sides; bytes = args/result payload; raw echo payload %d bytes + 4-byte length)%n",
            payloadBytes);

        System.out.printf(Locale.ROOT, "%nserializer scaling: serialize + deserialize of the argument vector, total ops/s "
            + "(best of 3) from 1 and from 4 threads at once (%d CPUs):%n", Runtime.getRuntime().availableProcessors());
        for (ContentType type : List.of(ContentType.CARB, ContentType.CLJ)) {
            Serializer s = serializers.get(type);
            byte[] argBytes = s.serialize(args);
            Op op = () -> s.deserialize(s.serialize(args));
            double one = 0;
            double four = 0;
            for (int i = 0; i < 3; i++) {
                one = Math.max(one, concurrentOps(op, 1));
                four = Math.max(four, concurrentOps(op, 4));
            }
            sink = argBytes;
            System.out.printf(Locale.ROOT, "  %-5s 1 thread %,12.0f   4 threads %,12.0f   (x%.2f)%n", type.wireName(), one, four,
                four / one);
        }
    }

    /** Total operations per second of {@code threads} threads running {@code op} for 0.4 s (after 0.1 s). */
    private static double concurrentOps(Op op, int threads) {
        LongAdder ops = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> list = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    for (int k = 0; k < 16; k++) {
                        sink = op.run();
                    }
                    if (measuring.get()) {
                        ops.add(16);
                    }
                }
            });
            t.setDaemon(true);
            list.add(t);
            t.start();
        }
        try {
            Thread.sleep(100);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(400);
            long n = ops.sum();
            long end = System.nanoTime();
            stop.set(true);
            for (Thread t : list) {
                t.join();
            }
            return n * 1e9 / (end - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Object codecRoundTrip(Frame f, ByteBuf buf) {
        buf.clear();
        FrameCodec.encode(f, buf);
        return FrameCodec.decode(buf, FrameCodec.DEFAULT_MAX_BODY);
    }

    /** Nanoseconds per operation: 0.3 s of warm-up, then the best of three times 0.2 s. */
    private static double nanosPerOp(Op op) {
        timed(op, 300_000_000L);
        double best = 0;
        for (int i = 0; i < 3; i++) {
            best = Math.max(best, timed(op, 200_000_000L));
        }
        return 1e9 / best;
    }

    private static double timed(Op op, long nanos) {
        long start = System.nanoTime();
        long deadline = start + nanos;
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink = op.run();
            }
            count += 64;
            now = System.nanoTime();
        } while (now < deadline);
        return count * 1e9 / (now - start);
    }
}
