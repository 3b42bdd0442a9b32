package io.slacker.examples.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.CallOptions;
import io.slacker.SlackerClient;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.micrometer.SlackerMetrics;
import io.slacker.SlackerServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The cost of metrics: the pipelined {@code echo} (a fixed number of calls in flight on one
 * connection) against a server and client without metrics and a pair with server and client
 * meters on a Prometheus registry, in the same run, rounds alternating so that load from other
 * processes hits both alike. Prints calls/s and the ratio, and, as figures that depend less on
 * other processes' load, the process's CPU time, the client I/O thread's CPU time and the bytes
 * allocated per call (both pairs live in this JVM, and only one of them works at a time). Args:
 * [seconds per round, default 3] [rounds, default 4] [calls in flight, default 64] [{@code aa}: no meters on
 * either pair, to see the benchmark's own difference between the pairs].
 */
public final class MetricsOverhead {
    private static final String API = "slacker.example.api";

    private MetricsOverhead() {
    }

    /** One measured window: calls/s, and per call the process's CPU ns, the client I/O thread's CPU ns and bytes allocated. */
    private record Window(double rate, double cpu, double clientIo, double bytes) {
        Window plus(Window o) {
            return new Window(rate + o.rate, cpu + o.cpu, clientIo + o.clientIo, bytes + o.bytes);
        }
    }

    private static Window measure(Supplier<CompletableFuture<Object>> call, int seconds, int window) throws InterruptedException {
        ThreadStats before = ThreadStats.take(t -> true, true);
        long t0 = System.nanoTime();
        double rate = ClusterBenchmark.run(call, seconds, window);
        double calls = rate * (System.nanoTime() - t0) / 1e9;
        ThreadStats used = ThreadStats.take(t -> true, true).minus(before);
        return new Window(rate, used.processCpu() / calls, used.cpuByRole().get("client-io") / calls,
            used.allocated() / calls);
    }

    /** Runs the rounds and prints the figures. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        // "aa": neither pair has meters (shows the benchmark's own bias between the two pairs)
        boolean aa = args.length > 3 && args[3].equals("aa");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SlackerServer.Builder meteredServer = ExampleFunctions.exampleServer(new ExampleApiImpl());
        if (!aa) {
            SlackerMetrics.bind(meteredServer, registry);
        }
        try (SlackerServer plain = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).start();
             SlackerServer metered = meteredServer.host("127.0.0.1").port(0).start();
             SlackerClient off = SlackerClient.builder().address("127.0.0.1", plain.port()).build();
             SlackerClient on = (aa ? SlackerClient.builder() : SlackerMetrics.bind(SlackerClient.builder(), registry))
                 .address("127.0.0.1", metered.port()).build()) {
            List<Object> arg = List.of("payload");
            Supplier<CompletableFuture<Object>> callOff = () -> off.callAsync(API, "echo", arg, CallOptions.defaults());
            Supplier<CompletableFuture<Object>> callOn = () -> on.callAsync(API, "echo", arg, CallOptions.defaults());
            ClusterBenchmark.run(callOff, 2, window);   // warm-up
            ClusterBenchmark.run(callOn, 2, window);
            Window sumOff = new Window(0, 0, 0, 0);
            Window sumOn = sumOff;
            for (int r = 1; r <= rounds; r++) {
                boolean offFirst = r % 2 == 1;
                Window a = measure(offFirst ? callOff : callOn, seconds, window);
                Window b = measure(offFirst ? callOn : callOff, seconds, window);
                Window roundOff = offFirst ? a : b;
                Window roundOn = offFirst ? b : a;
                System.out.printf("round %d: metrics off %,.0f calls/s, on %,.0f calls/s, on/off %.3f; CPU us/call off %.2f,"
                    + " on %.2f%n", r, roundOff.rate(), roundOn.rate(), roundOn.rate() / roundOff.rate(), roundOff.cpu() / 1e3,
                    roundOn.cpu() / 1e3);
                sumOff = sumOff.plus(roundOff);
                sumOn = sumOn.plus(roundOn);
            }
            double ratio = sumOn.rate() / sumOff.rate();
            System.out.printf("metrics off : %,.0f calls/s, per call: CPU %.2f us (client I/O thread %.2f us), %,.0f bytes%n",
                sumOff.rate() / rounds, sumOff.cpu() / rounds / 1e3, sumOff.clientIo() / rounds / 1e3, sumOff.bytes() / rounds);
            System.out.printf("metrics on  : %,.0f calls/s, per call: CPU %.2f us (client I/O thread %.2f us), %,.0f bytes%n",
                sumOn.rate() / rounds, sumOn.cpu() / rounds / 1e3, sumOn.clientIo() / rounds / 1e3, sumOn.bytes() / rounds);
            System.out.printf("on / off    : %.3f (cost %.1f%%; goal under 5%%); CPU per call on/off %.3f,"
                + " client I/O thread %.3f%n", ratio, (1 - ratio) * 100, sumOn.cpu() / sumOff.cpu(),
                sumOn.clientIo() / sumOff.clientIo());
            if (!aa) {
                System.out.printf("server calls counted: %,.0f%n", registry.get("slacker.server.calls").timers().stream()
                    .mapToLong(t -> t.count()).sum() * 1.0);
            }
        }
    }
}
