package io.slacker.testing;

import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs slacker servers for a test: one plain server, or a cluster of
 * servers on an {@link EmbeddedZooKeeper}; it hands out clients and closes everything afterwards.
 * In a {@code static} field it runs once for the test class; in an instance field, once per test.
 *
 * <pre>{@code
 * class GreeterTest {
 *     @RegisterExtension
 *     static final SlackerExtension slacker = SlackerExtension.cluster("test")
 *         .servers(2)
 *         .server(b -> b.expose(Greeter.class, new GreeterImpl()));
 *
 *     @Test
 *     void greets() {
 *         Greeter g = slacker.clusterClient().proxy(Greeter.class);
 *         assertEquals("hello, you", g.hello("you"));
 *     }
 * }
 * }</pre>
 *
 * <p>Servers bind {@code 127.0.0.1} on free ports. Clients handed out during a test are closed
 * after it; servers, ZooKeeper and the clients handed out before the tests, when the extension's
 * scope ends.
 */
public final class SlackerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String cluster;
    private int count = 1;
    private Consumer<SlackerServer.Builder> serverSetup = b -> { };
    private Consumer<ClusterServer.Builder> clusterSetup = b -> { };
    private EmbeddedZooKeeper zookeeper;
    private final List<SlackerServer> servers = new ArrayList<>();
    private final List<ClusterServer> clusterServers = new ArrayList<>();
    private final List<AutoCloseable> testScoped = new ArrayList<>();
    private final List<AutoCloseable> extensionScoped = new ArrayList<>();
    private boolean perClass;
    private boolean inTest;

    private SlackerExtension(String cluster) {
        this.cluster = cluster;
    }

    /** Plain servers, no ZooKeeper. */
    public static SlackerExtension standalone() {
        return new SlackerExtension(null);
    }

    /** Servers published as cluster {@code name} in an embedded ZooKeeper. */
    public static SlackerExtension cluster(String name) {
        return new SlackerExtension(Objects.requireNonNull(name, "name"));
    }

    /** How many servers (default 1). */
    public SlackerExtension servers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one server");
        }
        this.count = n;
        return this;
    }

    /** What each server exposes and how it is set up (host {@code 127.0.0.1} and port 0 are preset). */
    public SlackerExtension server(Consumer<SlackerServer.Builder> setup) {
        this.serverSetup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /** Further settings of each cluster server (ZooKeeper, cluster name and node are preset). */
    public SlackerExtension clusterServer(Consumer<ClusterServer.Builder> setup) {
        this.clusterSetup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
        inTest = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        closeAll(testScoped);
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            stop();
        }
    }

    private void start() {
        if (cluster != null) {
            zookeeper = EmbeddedZooKeeper.start(0);
        }
        try {
            for (int i = 0; i < count; i++) {
                SlackerServer.Builder sb = SlackerServer.builder().host("127.0.0.1").port(0).shutdownTimeout(Duration.ofSeconds(5));
                serverSetup.accept(sb);
                if (cluster == null) {
                    servers.add(sb.start());
                } else {
                    ClusterServer.Builder cb = ClusterServer.builder().server(sb).zookeeper(zookeeper.connectString())
                        .cluster(cluster).node("127.0.0.1").gracePeriod(Duration.ZERO);
                    clusterSetup.accept(cb);
                    ClusterServer cs = cb.start();
                    clusterServers.add(cs);
                    servers.add(cs.server());
                }
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void stop() {
        closeAll(testScoped);
        closeAll(extensionScoped);
        for (ClusterServer cs : clusterServers) {
            cs.close();
        }
        if (cluster == null) {
            for (SlackerServer s : servers) {
                s.close();
            }
        }
        clusterServers.clear();
        servers.clear();
        if (zookeeper != null) {
            zookeeper.close();
            zookeeper = null;
        }
    }

    private static void closeAll(List<AutoCloseable> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            try {
                list.get(i).close();
            } catch (Exception e) {
                // closing: nothing left to do about it
            }
        }
        list.clear();
    }

    private <T extends AutoCloseable> T track(T c) {
        (inTest ? testScoped : extensionScoped).add(c);
        return c;
    }

    /** The running servers. */
    public List<SlackerServer> servers() {
        return List.copyOf(servers);
    }

    /** The running cluster servers (empty without a cluster). */
    public List<ClusterServer> clusterServers() {
        return List.copyOf(clusterServers);
    }

    /** The embedded ZooKeeper. */
    public EmbeddedZooKeeper zookeeper() {
        if (zookeeper == null) {
            throw new IllegalStateException(cluster == null ? "no cluster: use SlackerExtension.cluster(name)" : "not started");
        }
        return zookeeper;
    }

    /** {@code host:port} of server {@code i}. */
    public String address(int i) {
        return "127.0.0.1:" + servers.get(i).port();
    }

    /** A client of the first server, closed by the extension. */
    public SlackerClient client() {
        return client(b -> { });
    }

    /** A client of the first server with further settings, closed by the extension. */
    public SlackerClient client(Consumer<SlackerClient.Builder> setup) {
        SlackerClient.Builder b = SlackerClient.builder().address(address(0));
        setup.accept(b);
        return track(b.build());
    }

    /** A cluster client of the cluster, closed by the extension. */
    public ClusterClient clusterClient() {
        return clusterClient(b -> { });
    }

    /** A cluster client with further settings, closed by the extension. */
    public ClusterClient clusterClient(Consumer<ClusterClient.Builder> setup) {
        ClusterClient.Builder b = ClusterClient.builder().zookeeper(zookeeper().connectString()).cluster(cluster);
        setup.accept(b);
        return track(b.build());
    }
}
