package io.slacker.examples.bench;

import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.gateway.Gateway;
import java.net.URI;

/**
 * The gateway against the server's own HTTP transport, same load, same run: {@code window}
 * keep-alive HTTP/1.1 connections with one request each in flight ({@code echo} with a JSON
 * argument) from a light Netty client ({@link HttpLoad}), first straight to the cluster server's
 * HTTP port ({@code POST /ns/fn.json}), then through the gateway ({@code POST /api/ns/fn}) to the same server. Prints requests/s,
 * p50/p99 latency, the throughput ratio and the latency the gateway adds.
 * Args: [seconds per phase, default 5] [requests in flight, default 64].
 */
public final class GatewayBenchmark {
    private static final String API = "slacker.example.api";
    private static final String BODY = "[\"payload\"]";

    private GatewayBenchmark() {
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
            URI direct = URI.create("http://127.0.0.1:" + server.server().httpPort() + "/" + API + "/echo.json");
            URI viaGateway = URI.create("http://127.0.0.1:" + gw.port() + "/api/" + API + "/echo");
            HttpLoad.run(direct, BODY, window, 2);  // warm-up
            HttpLoad.run(viaGateway, BODY, window, 2);
            HttpLoad.Result d = HttpLoad.run(direct, BODY, window, seconds);
            HttpLoad.Result g = HttpLoad.run(viaGateway, BODY, window, seconds);
            System.out.printf("%d keep-alive requests in flight, %d s per phase, %d cores%n", window, seconds,
                Runtime.getRuntime().availableProcessors());
            print("server HTTP transport", d);
            print("through the gateway  ", g);
            System.out.printf("gateway / direct throughput: %.2f%n", g.perSecond() / d.perSecond());
            System.out.printf("added p50 latency: %d us%n", g.p50Micros() - d.p50Micros());
        }
    }

    private static void print(String label, HttpLoad.Result r) {
        System.out.printf("%s: %,.0f req/s, p50 %d us, p99 %d us%s%n", label, r.perSecond(), r.p50Micros(), r.p99Micros(),
            r.failed() > 0 ? " (" + r.failed() + " failed)" : "");
    }
}
