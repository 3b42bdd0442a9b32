package io.slacker.examples;

import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.cluster.Grouping;
import io.slacker.data.Keyword;
import io.slacker.examples.api.ClusterViews;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole thing on one machine: an embedded ZooKeeper, two cluster servers exposing the example
 * API, and a cluster client that calls them with several groupings, asynchronously, with a
 * callback, gets an expected remote exception, and sees a server leave the cluster.
 */
public final class Demo {
    private static final String CLUSTER = "example-cluster";

    private Demo() {
    }

    /** Runs the demo and exits. */
    public static void main(String[] args) throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0)) {
            say("embedded ZooKeeper on %s", zk.connectString());
            ClusterServer a = server(zk, "a");
            ClusterServer b = server(zk, "b");
            try (ClusterClient client = ClusterClient.builder().zookeeper(zk.connectString()).cluster(CLUSTER)
                .grouping(Grouping.RANDOM).client(SlackerClient.builder().timeout(Duration.ofSeconds(5))).build()) {
                ClusterViews api = client.proxy(ClusterViews.class);

                say("random:            timestamp() = %d", api.timestamp());
                say("servers:           %s (leader %s)", client.servers("slacker.example.api"), client.leader("slacker.example.api"));
                say("all/vector:        allTimestamps() = %s", api.allTimestamps());
                Map.Entry<String, Long> leastBusy = api.leastBusyCounter().entrySet().iterator().next();
                say("least-in-flight:   the server with the fewest calls in flight, %s, has counter = %d",
                    leastBusy.getKey(), leastBusy.getValue());
                say("async:             timestampAsync() = %d", api.timestampAsync().get(5, TimeUnit.SECONDS));
                CompletableFuture<List<Long>> viaCallback = new CompletableFuture<>();
                api.randInts(3, (result, error) -> {
                    if (error != null) {
                        viaCallback.completeExceptionally(error);
                    } else {
                        viaCallback.complete(result);
                    }
                });
                say("callback:          randInts(3) = %s", viaCallback.get(5, TimeUnit.SECONDS));
                try {
                    api.makeError();
                } catch (RemoteException e) {
                    say("remote exception:  %s", e.getMessage());
                }
                say("server data:       %s", client.serverData());

                say("server %s leaves the cluster", b.address());
                b.close();
                waitFor(() -> client.servers("slacker.example.api").size() == 1);
                say("servers:           %s", client.servers("slacker.example.api"));
                say("all/vector:        allTimestamps() = %s (one server left)", api.allTimestamps());
            } finally {
                a.close();
                b.close();
            }
        }
        say("done");
    }

    private static ClusterServer server(EmbeddedZooKeeper zk, String label) {
        ClusterServer s = ClusterServer.builder()
            .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
            .zookeeper(zk.connectString()).cluster(CLUSTER).node("127.0.0.1")
            .serverData(Map.of(Keyword.of("label"), Keyword.of(label)))
            .gracePeriod(Duration.ofMillis(500)).manager(true)
            .start();
        say("cluster server %s started (%s)", s.address(), s.namespaces());
        return s;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
