package io.slacker.examples;

import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ClusterServer;
import io.slacker.cluster.internal.zk.Zk;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.util.concurrent.CountDownLatch;

/**
 * The example namespaces ({@code slacker.example.api}, {@code slacker.example.api2}) as a cluster
 * server, with the manager namespace: {@code ExampleClusterServer <port> <zk-connect> <cluster>}.
 * Run from {@code main} it also serves {@link ConfigGreeting} ({@code slacker.example.config/greet}),
 * whose greeting follows the key {@code greeting} of the config app {@code example} in the cluster.
 * It binds and advertises the local address this host uses to reach ZooKeeper (127.0.0.1 for a
 * ZooKeeper on this machine), so it can join a cluster next to Clojure slacker-cluster servers.
 * Ctrl-C leaves the cluster and stops it gracefully.
 */
public final class ExampleClusterServer {
    private ExampleClusterServer() {
    }

    /**
     * Starts the example namespaces on {@code port} (0: any free port) and publishes them in
     * {@code cluster} at ZooKeeper {@code zkConnect}.
     */
    public static ClusterServer start(int port, String zkConnect, String cluster) {
        return start(port, zkConnect, cluster, null);
    }

    /** As {@link #start(int, String, String)}, also serving {@code greeting} when it is not null. */
    public static ClusterServer start(int port, String zkConnect, String cluster, ConfigGreeting greeting) {
        String host = Zk.localAddressTowards(zkConnect);
        var server = ExampleFunctions.exampleServer(new ExampleApiImpl()).host(host).port(port);
        if (greeting != null) {
            ConfigGreeting.expose(server, greeting);
        }
        return ClusterServer.builder()
            .server(server)
            .zookeeper(zkConnect).cluster(cluster).node(host)
            .manager(true)
            .start();
    }

    /** Starts the server and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: ExampleClusterServer <port> <zk-connect> <cluster>");
            System.exit(2);
        }
        ClusterConfig config = ClusterConfig.builder().zookeeper(args[1]).cluster(args[2]).app("example").start();
        ConfigGreeting greeting = new ConfigGreeting(config);
        ClusterServer server = start(Integer.parseInt(args[0]), args[1], args[2], greeting);
        System.out.printf("slacker example cluster server %s in cluster %s at %s: %s%n", server.address(), args[2],
            args[1], server.namespaces());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            greeting.close();
            config.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
