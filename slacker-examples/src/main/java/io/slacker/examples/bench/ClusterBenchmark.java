package io.slacker.examples.bench;

import io.slacker.CallOptions;
import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.cluster.Grouping;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Cluster client (RANDOM over two servers) against a direct {@link SlackerClient} on the same
 * load in the same run: {@code echo} calls, a fixed number of calls in flight. Prints ops/s and
 * the overhead ratio. Args: [seconds per phase, default 5] [calls in flight, default 64].
 */
public final class ClusterBenchmark {
    private static final String API = "slacker.example.api";

    private ClusterBenchmark() {
    }

    private static ClusterServer server(EmbeddedZooKeeper zk) {
        return ClusterServer.builder().server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
            .zookeeper(zk.connectString()).cluster("bench").node("127.0.0.1").start();
    }

    /** Runs both phases and prints the figures. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer a = server(zk);
             ClusterServer b = server(zk);
             ClusterClient cluster = ClusterClient.builder().zookeeper(zk.connectString()).cluster("bench")
                 .grouping(Grouping.RANDOM).build();
             SlackerClient direct = SlackerClient.builder().address(a.address()).build()) {
            while (cluster.servers(API).size() < 2) {
                Thread.sleep(50);
            }
            List<Object> arg = List.of("payload");
            Supplier<CompletableFuture<Object>> viaCluster =
                () -> cluster.callAsync(API, "echo", arg, CallOptions.defaults());
            Supplier<CompletableFuture<Object>> viaDirect =
                () -> direct.callAsync(API, "echo", arg, CallOptions.defaults());
            run(viaDirect, 2, window);  // warm-up
            run(viaCluster, 2, window);
            double d = run(viaDirect, seconds, window);
            double c = run(viaCluster, seconds, window);
            System.out.printf("direct SlackerClient : %,.0f ops/s%n", d);
            System.out.printf("cluster RANDOM (2)   : %,.0f ops/s%n", c);
            System.out.printf("cluster / direct     : %.2f (overhead %.1f%%)%n", c / d, (1 - c / d) * 100);
        }
    }

    /** Keeps {@code window} calls in flight for {@code seconds}; returns completed calls per second. */
    static double run(Supplier<CompletableFuture<Object>> call, int seconds, int window) throws InterruptedException {
        Semaphore slots = new Semaphore(window);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            slots.acquire();
            call.get().whenComplete((v, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                } else {
                    done.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(window);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            System.out.println("  (" + failed.get() + " calls failed)");
        }
        return done.get() / elapsed;
    }
}
