package io.slacker.examples.bench;

import io.slacker.ContentType;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Round trips through slacker ({@link SlackerServer} + {@link SlackerClient}, content types carb,
 * clj and nippy by default) against a plain Netty echo of as many bytes ({@link RawEcho}: epoll
 * where available, one flush per read burst), measured in the same run, interleaved, and printed
 * side by side with their ratios.
 *
 * <p>By default the servers ({@link BenchServers}) run in a JVM of their own, started with this
 * JVM's {@code java} and class path, so that each side has its own heap, GC and JIT as in
 * production; {@code --fork=false} keeps them in this JVM. Thread counts are the defaults of
 * each library (the slacker server's I/O threads and worker pool, one event loop per slacker
 * client, Netty's default group for the raw echo) unless set. The slacker client runs on NIO
 * only; the slacker server and the raw echo use epoll where available.
 *
 * <p>The call is {@code bench/echo} of a payload: a 32-character string ({@code 32}) and a map of
 * 10 keyword keys to strings ({@code map}); the raw echo sends as many bytes as the payload's EDN
 * form. Scenarios: {@code lat} (one connection, one call at a time: p50/p99 latency),
 * {@code CxW} (C connections, W calls in flight in total, one sending thread per connection:
 * calls/s), {@code breakdown} ({@link CodecBreakdown}). Besides rates, every row has the CPU time
 * per call of both JVMs and the bytes allocated per call on the client side and on the server
 * side ({@link ThreadStats}: thread CPU and allocation counters, the server's fetched from its
 * JVM before and after every measurement).
 *
 * <p>Targets: {@code raw}, {@code raw-pool} (the echo through a worker pool: the hop slacker
 * makes), {@code carb}, {@code clj}, {@code nippy}, and {@code carb-io} / {@code clj-io} /
 * {@code nippy-io} (the namespace on {@code runOnIoThread}), and {@code clojure-server}: the real
 * Clojure slacker server in a JVM of its own ({@link ServerSide#clojure}, class path from
 * {@code --clojure-cp}), called by the same client with content type clj, for the ratio of
 * {@code slacker clj} to it (issue #18: at least 10x). Each scenario runs in rounds; within
 * a round every target runs once, the order rotating per round, so background load hits all of
 * them alike; the figures are summed over rounds, spread is (max - min) / mean of the per-round
 * rates. Run {@code --help} for the options.
 */
public final class RpcBenchmark {
    /** The target that drives the real Clojure slacker server, as {@code clj} drives ours. */
    static final String CLOJURE_SERVER = "clojure-server";
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("scenarios", "lat,1x64,1x256,4x64");
        DEFAULTS.put("payloads", "32,map");
        DEFAULTS.put("targets", "raw,carb,clj,nippy");
        DEFAULTS.put("seconds", "1.2");
        DEFAULTS.put("rounds", "3");
        DEFAULTS.put("warmup", "2");
        DEFAULTS.put("warmup-max", "40");
        DEFAULTS.put("fork", "true");
        DEFAULTS.put("server-io", "0");
        DEFAULTS.put("client-io", "0");
        DEFAULTS.put("workers", "0");
        DEFAULTS.put("io-poll", "0");
        DEFAULTS.put("server-jvm-args", "");
        DEFAULTS.put("clojure-cp", "");
    }

    private RpcBenchmark() {
    }

    /** The settings of a run; thread counts of 0 mean the libraries' defaults. */
    private record Options(List<String> scenarios, List<String> payloads, List<String> targets, double seconds, int rounds,
                           double warmup, double warmupMax, boolean fork, int serverIo, int clientIo, int workers, long ioPollMicros,
                           List<String> serverJvmArgs, String clojureCp) {
        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>(DEFAULTS);
            for (String a : args) {
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println("options (--name=value), defaults: " + m + "\n(server-jvm-args: space-separated, "
                        + "e.g. --server-jvm-args=-XX:StartFlightRecording=filename=server.jfr,settings=profile;\n clojure-cp: the "
                        + "class path of target clojure-server, from slacker-examples/clojure-bench/build-classpath.sh;\n io-poll: "
                        + "microseconds the I/O threads of the raw echo and the slacker server poll before they sleep;\n warmup: seconds "
                        + "of warm-up at least; then warm-up passes over every target and scenario go on until the JIT "
                        + "compilers of both JVMs are quiet, or warmup-max seconds have passed)");
                    System.exit(0);
                }
                int eq = a.indexOf('=');
                if (!a.startsWith("--") || eq < 0 || !m.containsKey(a.substring(2, eq))) {
                    throw new IllegalArgumentException("unknown argument " + a + "; options (--name=value): " + m.keySet());
                }
                m.put(a.substring(2, eq), a.substring(eq + 1));
            }
            String jvm = m.get("server-jvm-args").trim();
            if (List.of(m.get("targets").split(",")).contains(CLOJURE_SERVER) && m.get("clojure-cp").isEmpty()) {
                throw new IllegalArgumentException("target " + CLOJURE_SERVER + " needs --clojure-cp=CLASSPATH "
                    + "(slacker-examples/clojure-bench/build-classpath.sh prints it)");
            }
            return new Options(List.of(m.get("scenarios").split(",")), List.of(m.get("payloads").split(",")),
                List.of(m.get("targets").split(",")), Double.parseDouble(m.get("seconds")), Integer.parseInt(m.get("rounds")),
                Double.parseDouble(m.get("warmup")), Double.parseDouble(m.get("warmup-max")), Boolean.parseBoolean(m.get("fork")), Integer.parseInt(m.get("server-io")),
                Integer.parseInt(m.get("client-io")), Integer.parseInt(m.get("workers")), Long.parseLong(m.get("io-poll")),
                jvm.isEmpty() ? List.of() : List.of(jvm.split(" +")), m.get("clojure-cp"));
        }
    }

    /** Runs the benchmark and prints the tables. */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o = Options.parse(args);
        System.setProperty("bench.ioPollMicros", Long.toString(o.ioPollMicros()));
        List<BenchPayload> payloads = o.payloads().stream().map(BenchPayload::of).toList();
        List<String> scenarios = new ArrayList<>(o.scenarios());
        boolean breakdown = scenarios.remove("breakdown");
        try (ServerSide side = o.fork() ? ServerSide.forked(o.serverIo(), o.workers(), o.serverJvmArgs())
            : ServerSide.inJvm(o.serverIo(), o.workers());
             ServerSide clojure = o.targets().contains(CLOJURE_SERVER)
                 ? ServerSide.clojure(o.clojureCp(), o.serverJvmArgs()) : null) {
            System.out.printf(Locale.ROOT, "RpcBenchmark: %s; %d round(s) x %.1f s per target, warm-up %.1f s, threads: "
                    + "server I/O %s, client I/O %s, workers %s; servers' I/O poll %s; %d CPUs, %s%n", side.description(),
                o.rounds(), o.seconds(), o.warmup(), count(o.serverIo()), count(o.clientIo()), count(o.workers()),
                o.ioPollMicros() > 0 ? o.ioPollMicros() + " us (raw and slacker)" : "off",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            if (clojure != null) {
                System.out.println("target " + CLOJURE_SERVER + ": " + clojure.description()
                    + ", its default threads; same client and content type as target clj");
            }
            for (BenchPayload p : payloads) {
                System.out.printf(Locale.ROOT, "payload %s: %s; the raw echo sends %d bytes behind a 4-byte length%n",
                    p.label(), p.value() instanceof String ? "a string of ASCII characters"
                        : "a map of 10 keyword keys to strings (its EDN form's size)", p.raw().length);
            }
            System.out.println();
            Map<BenchTarget, ServerSide> targets = new LinkedHashMap<>();
            try {
                for (String t : o.targets()) {
                    ServerSide s = t.equals(CLOJURE_SERVER) ? clojure : side;
                    targets.put(target(t, s, o), s);
                }
                run(o, targets, scenarios, payloads);
            } finally {
                targets.keySet().forEach(BenchTarget::close);
            }
        }
        if (breakdown) {
            for (BenchPayload p : payloads) {
                CodecBreakdown.run(p.value(), p.raw().length);
            }
        }
    }

    private static String count(int n) {
        return n > 0 ? Integer.toString(n) : "default";
    }

    private static BenchTarget target(String t, ServerSide side, Options o) throws InterruptedException {
        if (t.equals(CLOJURE_SERVER)) {
            return BenchTarget.slacker(CLOJURE_SERVER, ContentType.CLJ, BenchServers.NS, side.slackerPort(), o.clientIo());
        }
        if (t.equals("raw")) {
            return BenchTarget.raw("raw echo", side.rawPort(), o.clientIo());
        }
        if (t.equals("raw-pool")) {
            return BenchTarget.raw("raw echo+pool", side.rawPoolPort(), o.clientIo());
        }
        boolean io = t.endsWith("-io");
        ContentType type = ContentType.fromName(io ? t.substring(0, t.length() - 3) : t);
        return BenchTarget.slacker("slacker " + type.wireName() + (io ? " io" : ""), type,
            io ? BenchServers.NS_IO : BenchServers.NS, side.slackerPort(), o.clientIo());
    }

    private static void run(Options o, Map<BenchTarget, ServerSide> targets, List<String> scenarios,
                            List<BenchPayload> payloads) throws Exception {
        long start = System.nanoTime();
        if (o.warmup() > 0) {
            double each = o.warmup() / 2 / payloads.size();
            for (BenchPayload p : payloads) {
                for (Map.Entry<BenchTarget, ServerSide> t : targets.entrySet()) {
                    pipelined(t.getValue(), t.getKey(), p, 1, 64, each, new BenchResult());
                    latency(t.getValue(), t.getKey(), p, each, new BenchResult());
                }
            }
            settleJit(o, targets, scenarios, payloads, start);
        }
        Jit jitBefore = Jit.take(targets.values());
        BenchReport report = new BenchReport();
        List<BenchTarget> order = new ArrayList<>(targets.keySet());
        for (String s : scenarios) {
            for (BenchPayload p : payloads) {
                Map<BenchTarget, BenchResult> results = new LinkedHashMap<>();
                order.forEach(t -> results.put(t, new BenchResult()));
                for (int r = 0; r < o.rounds(); r++) {
                    for (int k = 0; k < order.size(); k++) {
                        BenchTarget t = order.get((k + r) % order.size());
                        runScenario(targets.get(t), s, t, p, o.seconds(), results.get(t));
                    }
                }
                Map<String, BenchResult> named = new LinkedHashMap<>();
                results.forEach((t, r) -> named.put(t.name(), r));
                report.add(s, p, named);
            }
        }
        Jit jit = Jit.take(targets.values()).minus(jitBefore);
        report.printCpu();
        System.out.printf(Locale.ROOT, "%nJIT compilation during the measured rounds (and the report's printing): client %d ms, servers %d ms%n",
            jit.client(), jit.servers());
        System.out.printf(Locale.ROOT, "(measured in %.0f s)%n", (System.nanoTime() - start) / 1e9);
    }

    /** JIT compilation time so far of this JVM and of the server JVMs (ms). */
    private record Jit(long client, long servers) {
        static Jit take(Collection<ServerSide> sides) {
            long servers = 0;
            for (ServerSide side : new LinkedHashSet<>(sides)) {
                servers += side.stats().jitMillis();
            }
            return new Jit(ThreadStats.jitSoFar(), servers);
        }

        Jit minus(Jit before) {
            return new Jit(client - before.client, servers - before.servers);
        }
    }

    /**
     * After the fixed warm-up: passes over every target, payload and scenario (a quarter second
     * each), at least one, until a pass in which the JIT compilers of both sides spent less than 1%
     * of its time, or until {@code warmup-max} seconds from {@code start}. The raw echo's code is compiled
     * within the first seconds, slacker's takes longer: measuring before it is done would count
     * the compiler's CPU and the code not yet compiled against slacker.
     */
    private static void settleJit(Options o, Map<BenchTarget, ServerSide> targets, List<String> scenarios,
                                  List<BenchPayload> payloads, long start) throws Exception {
        long deadline = start + (long) (o.warmupMax() * 1e9);
        long jitMs;
        long passMs;
        int passes = 0;
        do {
            Jit before = Jit.take(targets.values());
            long t0 = System.nanoTime();
            for (BenchPayload p : payloads) {
                for (Map.Entry<BenchTarget, ServerSide> t : targets.entrySet()) {
                    for (String s : scenarios) {
                        runScenario(t.getValue(), s, t.getKey(), p, 0.25, new BenchResult());
                    }
                }
            }
            passMs = (System.nanoTime() - t0) / 1_000_000;
            Jit used = Jit.take(targets.values()).minus(before);
            jitMs = used.client() + used.servers();
            passes++;
        } while (jitMs * 100 >= passMs && System.nanoTime() < deadline);
        System.out.printf(Locale.ROOT, "warm-up: %.0f s, %d pass(es) over every target and scenario; the last took %d ms "
                + "with %d ms of JIT compilation: %s%n%n", (System.nanoTime() - start) / 1e9, passes, passMs, jitMs,
            jitMs * 100 < passMs ? "settled" : "still compiling at warmup-max");
    }

    private static void runScenario(ServerSide side, String scenario, BenchTarget t, BenchPayload p, double seconds,
                                    BenchResult result) throws Exception {
        if (scenario.equals("lat")) {
            latency(side, t, p, seconds, result);
            return;
        }
        String[] cw = scenario.split("x");
        if (cw.length != 2) {
            throw new IllegalArgumentException("unknown scenario " + scenario + " (lat, CxW such as 4x64, breakdown)");
        }
        int conns = Integer.parseInt(cw[0]);
        int window = Integer.parseInt(cw[1]);
        if (conns < 1 || conns > BenchTarget.CONNECTIONS || window < conns) {
            throw new IllegalArgumentException("scenario " + scenario + ": 1.." + BenchTarget.CONNECTIONS + " connections, "
                + "at least one call in flight per connection");
        }
        pipelined(side, t, p, conns, window, seconds, result);
    }

    /** Client-side and server-side usage at one instant. */
    private record Snapshot(ThreadStats client, ThreadStats server) {
        static Snapshot take(ServerSide side) {
            return new Snapshot(ThreadStats.take(n -> !ThreadStats.serverThread(n), true), side.stats());
        }
    }

    private static void record(BenchResult result, Snapshot before, Snapshot after) {
        result.addUsage(after.client().minus(before.client()), after.server().minus(before.server()));
    }

    /** Blocking round trips on connection 0 for {@code seconds} (after a short unrecorded ramp). */
    private static void latency(ServerSide side, BenchTarget t, BenchPayload p, double seconds, BenchResult result)
        throws Exception {
        long errorsBefore = t.errors();
        long rampEnd = System.nanoTime() + 100_000_000L;
        while (System.nanoTime() < rampEnd) {
            t.roundTrip(0, p);
        }
        Snapshot before = Snapshot.take(side);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long calls = 0;
        long now = start;
        while (now < deadline) {
            long t0 = now;
            t.roundTrip(0, p);
            now = System.nanoTime();
            result.addLatency(now - t0);
            calls++;
        }
        record(result, before, Snapshot.take(side));
        result.addRound(calls, now - start, t.errors() - errorsBefore);
    }

    /**
     * {@code conns} sending threads, each keeping {@code window / conns} calls in flight on its
     * connection; counts the round trips completed during {@code seconds} after a short ramp.
     */
    private static void pipelined(ServerSide side, BenchTarget t, BenchPayload p, int conns, int window, double seconds,
                                  BenchResult result) throws Exception {
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
                            t.send(conn, p, done);
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "bench-sender-" + c);
            senders[c].setDaemon(true);
        }
        Arrays.stream(senders).forEach(Thread::start);
        Thread.sleep(100);
        Snapshot before = Snapshot.take(side);
        long c0 = completed.sum();
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long c1 = completed.sum();
        long end = System.nanoTime();
        record(result, before, Snapshot.take(side));
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
        result.addRound(c1 - c0, end - start, t.errors() - errorsBefore);
    }
}
