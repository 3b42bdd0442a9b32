package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.cli.CliFixture.Run;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import io.slacker.data.Keyword;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.testing.EmbeddedZooKeeper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;

/**
 * Every cluster feature against a real ZooKeeper 3.5 server (its own JVM, jars from the build)
 * and against the embedded ZooKeeper of the current release line: discovery, join and leave
 * watches, leader election and failover, server data, the manager namespace and the CLI.
 */
class ZooKeeperVersionsTest {
    private static final String NS = "slacker.example.api";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void zooKeeper35() throws Exception {
        try (ExternalZooKeeper zk = ExternalZooKeeper.start35()) {
            assertThat(zk.version().text()).startsWith("3.5.");
            assertThat(zk.version().hasPersistentWatches()).isFalse();
            everyClusterFeature(zk.connectString());
        }
    }

    @Test
    void currentZooKeeper() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0)) {
            everyClusterFeature(zk.connectString());
        }
    }

    @Test
    void persistentWatchesOnZooKeeper35AreRefusedNamingTheVersion() throws Exception {
        try (ExternalZooKeeper zk = ExternalZooKeeper.start35();
             CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.connectString(), 10_000, 10_000,
                 new RetryOneTime(100))) {
            curator.start();
            assertThatThrownBy(() -> ClusterClient.builder().curator(curator).cluster("c").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ZooKeeper server " + zk.version().text())
                .hasMessageContaining("no persistent watches")
                .hasMessageContaining("hasPersistentWatchers(false)");
        }
    }

    private static ClusterServer server(String zk, String cluster, String label, boolean manager) {
        return ClusterServer.builder()
            .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
            .zookeeper(zk).cluster(cluster).node("127.0.0.1")
            .serverData(Map.of(Keyword.of("label"), Keyword.of(label)))
            .manager(manager).gracePeriod(Duration.ZERO).start();
    }

    private static void everyClusterFeature(String zk) {
        String cluster = "versions";
        ClusterServer a = server(zk, cluster, "a", true);
        ClusterServer b = null;
        try (ClusterClient client = ClusterClient.builder().zookeeper(zk).cluster(cluster).build()) {
            // reads right after build() see what ZooKeeper holds
            assertThat(client.serverData()).containsOnlyKeys(a.address());
            assertThat(client.serverData(a.address())).isEqualTo(Map.of(Keyword.of("label"), Keyword.of("a")));
            assertThat(client.servers(NS)).containsExactly(a.address());
            assertThat(client.leader(NS)).isEqualTo(a.address());
            assertThat(client.call(NS, "echo", List.of(42L))).isEqualTo(42L);

            List<List<Object>> events = new CopyOnWriteArrayList<>();
            client.addServerDataListener((addr, data, removed) -> events.add(Arrays.asList(addr, data, removed)));

            // a server joins
            b = server(zk, cluster, "b", false);
            String bAddr = b.address();
            await().atMost(WAIT).until(() -> client.servers(NS).size() == 2);
            assertThat(client.servers(NS)).containsExactly(a.address(), bAddr);
            await().atMost(WAIT).until(() -> events.contains(Arrays.asList(bAddr, Map.of(Keyword.of("label"), Keyword.of("b")), false)));
            Object both = client.call(NS, "echo", List.of("x"),
                GroupingPolicy.defaults().withSelector(Grouping.ALL).withMerger(GroupingResults.VECTOR).options());
            assertThat(both).isEqualTo(List.of("x", "x"));

            // server data changes
            a.setServerData(Map.of(Keyword.of("label"), Keyword.of("changed")));
            await().atMost(WAIT).until(() -> Map.of(Keyword.of("label"), Keyword.of("changed"))
                .equals(client.serverData(a.address())));

            // the manager namespace takes a out of the namespace; the leader moves to b
            client.call(ClusterServer.MANAGER_NAMESPACE, "offline-ns", List.of(NS),
                GroupingPolicy.defaults().withSelector((ns, fn, args, servers) -> List.of(a.address())).options());
            await().atMost(WAIT).until(() -> client.servers(NS).equals(List.of(bAddr)));
            await().atMost(WAIT).until(() -> bAddr.equals(client.leader(NS)));
            assertThat(client.call(NS, "echo", List.of(1L),
                GroupingPolicy.defaults().withSelector(Grouping.LEADER).options())).isEqualTo(1L);

            // the CLI lists and calls
            Run list = run("cluster", "--zk", zk, "--cluster", cluster);
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("servers (2):").contains("  " + bAddr + "  {:label :b}");
            Run call = run("call", "--zk", zk, "--cluster", cluster, NS + "/echo", "[7]",
                "--grouping", "all", "--results", "vector");
            assertThat(call.exit()).as(call.toString()).isZero();
            assertThat(call.out()).isEqualTo("[7]\n");

            // a server leaves
            b.close();
            await().atMost(WAIT).until(() -> client.servers(NS).isEmpty());
            await().atMost(WAIT).until(() -> events.contains(Arrays.asList(bAddr, null, true)));
            assertThat(client.serverData()).containsOnlyKeys(a.address());
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }
}
