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
 * processes hits both alike. Prints calls/s and the ratio. Args: [seconds per round, default 3]
 * [rounds, default 4] [calls in flight, default 64].
 */
public final class MetricsOverhead {
    private static final String API = "slacker.example.api";

    private MetricsOverhead() {
    }

    /** Runs the rounds and prints the figures. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SlackerServer plain = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).start();
             SlackerServer metered = SlackerMetrics.bind(ExampleFunctions.exampleServer(new ExampleApiImpl()), registry)
                 .host("127.0.0.1").port(0).start();
             SlackerClient off = SlackerClient.builder().address("127.0.0.1", plain.port()).build();
             SlackerClient on = SlackerMetrics.bind(SlackerClient.builder().address("127.0.0.1", metered.port()), registry)
                 .build()) {
            List<Object> arg = List.of("payload");
            Supplier<CompletableFuture<Object>> callOff = () -> off.callAsync(API, "echo", arg, CallOptions.defaults());
            Supplier<CompletableFuture<Object>> callOn = () -> on.callAsync(API, "echo", arg, CallOptions.defaults());
            ClusterBenchmark.run(callOff, 2, window);   // warm-up
            ClusterBenchmark.run(callOn, 2, window);
            double sumOff = 0;
            double sumOn = 0;
            for (int r = 1; r <= rounds; r++) {
                boolean offFirst = r % 2 == 1;
                double a = ClusterBenchmark.run(offFirst ? callOff : callOn, seconds, window);
                double b = ClusterBenchmark.run(offFirst ? callOn : callOff, seconds, window);
                double roundOff = offFirst ? a : b;
                double roundOn = offFirst ? b : a;
                System.out.printf("round %d: metrics off %,.0f calls/s, on %,.0f calls/s, on/off %.3f%n", r, roundOff,
                    roundOn, roundOn / roundOff);
                sumOff += roundOff;
                sumOn += roundOn;
            }
            double ratio = sumOn / sumOff;
            System.out.printf("metrics off : %,.0f calls/s%n", sumOff / rounds);
            System.out.printf("metrics on  : %,.0f calls/s%n", sumOn / rounds);
            System.out.printf("on / off    : %.3f (cost %.1f%%; goal under 5%%)%n", ratio, (1 - ratio) * 100);
            System.out.printf("server calls counted: %,.0f%n", registry.get("slacker.server.calls").timers().stream()
                .mapToLong(t -> t.count()).sum() * 1.0);
        }
    }
}
