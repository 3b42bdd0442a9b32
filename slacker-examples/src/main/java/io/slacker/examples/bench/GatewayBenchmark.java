package io.slacker.examples.bench;

import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway against the server's own HTTP transport, same load, same run: {@code window}
 * concurrent keep-alive HTTP/1.1 requests ({@code echo} with a JSON argument) from one
 * {@link HttpClient}, first straight to the cluster server's HTTP port ({@code POST /ns/fn.json}),
 * then through the gateway ({@code POST /api/ns/fn}) to the same server. Prints requests/s,
 * p50/p99 latency, the throughput ratio and the latency the gateway adds.
 * Args: [seconds per phase, default 5] [requests in flight, default 64].
 */
public final class GatewayBenchmark {
    private static final String API = "slacker.example.api";

    private GatewayBenchmark() {
    }

    private record Result(double perSecond, long p50Micros, long p99Micros, long failed) {
    }

    /** Runs both phases and prints the figures. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer server = ClusterServer.builder()
                 .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).http(0))
                 .zookeeper(zk.connectString()).cluster("bench").node("127.0.0.1").start();
             Gateway gw = Gateway.builder().host("127.0.0.1").port(0).zookeeper(zk.connectString()).cluster("bench")
                 .prefix("/api").start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create("http://127.0.0.1:" + server.server().httpPort() + "/" + API + "/echo.json");
            URI viaGateway = URI.create("http://127.0.0.1:" + gw.port() + "/api/" + API + "/echo");
            run(http, direct, 2, window);  // warm-up
            run(http, viaGateway, 2, window);
            Result d = run(http, direct, seconds, window);
            Result g = run(http, viaGateway, seconds, window);
            System.out.printf("%d keep-alive requests in flight, %d s per phase, %d cores%n", window, seconds,
                Runtime.getRuntime().availableProcessors());
            print("server HTTP transport", d);
            print("through the gateway  ", g);
            System.out.printf("gateway / direct throughput: %.2f%n", g.perSecond() / d.perSecond());
            System.out.printf("added p50 latency: %d us%n", g.p50Micros() - d.p50Micros());
        }
    }

    private static void print(String label, Result r) {
        System.out.printf("%s: %,.0f req/s, p50 %d us, p99 %d us%s%n", label, r.perSecond(), r.p50Micros(), r.p99Micros(),
            r.failed() > 0 ? " (" + r.failed() + " failed)" : "");
    }

    /** Keeps {@code window} requests in flight for {@code seconds}. */
    private static Result run(HttpClient http, URI uri, int seconds, int window) throws InterruptedException {
        Semaphore slots = new Semaphore(window);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] latencies = new long[4_000_000];
        AtomicInteger n = new AtomicInteger();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[\"payload\"]")).build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            slots.acquire();
            long t0 = System.nanoTime();
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    failed.incrementAndGet();
                } else {
                    done.incrementAndGet();
                    int i = n.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = System.nanoTime() - t0;
                    }
                }
                slots.release();
            });
        }
        slots.acquire(window);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] l = Arrays.copyOf(latencies, Math.min(n.get(), latencies.length));
        Arrays.sort(l);
        long p50 = l.length == 0 ? 0 : l[l.length / 2] / 1000;
        long p99 = l.length == 0 ? 0 : l[(int) (l.length * 0.99)] / 1000;
        return new Result(done.get() / elapsed, p50, p99, failed.get());
    }
}
