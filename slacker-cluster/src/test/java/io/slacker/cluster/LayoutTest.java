package io.slacker.cluster;

import static io.slacker.cluster.ClusterFixture.API;
import static io.slacker.cluster.ClusterFixture.API2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slacker.data.Keyword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tree two cluster servers write equals the one recorded from the Clojure slacker-cluster
 * (zk-layout.json), node for node: paths, ephemeral flags and data (null vs empty included);
 * addresses and lock-node uuids aside. Our one deliberate addition, the manager namespace under
 * {@code namespaces/}, is checked separately and left out of the comparison.
 */
class LayoutTest {
    private static TestingServer zk;
    private static CuratorFramework curator;

    @BeforeAll
    static void startZk() throws Exception {
        zk = new TestingServer(true);
        curator = ClusterFixture.curator(zk.getConnectString());
    }

    @AfterAll
    static void stopZk() throws Exception {
        curator.close();
        zk.close();
    }

    private static List<ZkTree.Node> tree() throws Exception {
        List<ZkTree.Node> all = ZkTree.dump(curator, "/slacker");
        return ClusterFixture.normalize(all.stream()
            .filter(n -> !n.path().startsWith("/slacker/cluster/example-cluster/namespaces/" + ClusterServer.MANAGER_NAMESPACE))
            .toList());
    }

    private static String leaderOf(String ns) throws Exception {
        byte[] d = curator.getData().forPath("/slacker/cluster/example-cluster/namespaces/" + ns + "/_leader");
        return d == null ? null : new String(d, StandardCharsets.UTF_8);
    }

    @Test
    void layoutMatchesTheRecordedTreeThroughOfflineServerDataAndKill() throws Exception {
        TcpProxy proxyB = new TcpProxy(zk.getPort());
        try (ClusterServer a = ClusterFixture.server(zk.getConnectString()).manager(true).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader(API) && a.isLeader(API2));
            ClusterServer b = ClusterFixture.server(proxyB.connectString()).manager(true).start();
            String addrA = a.address();
            String addrB = b.address();
            // both lock nodes queued in every election
            await().atMost(Duration.ofSeconds(10)).until(() ->
                curator.getChildren().forPath("/slacker/cluster/example-cluster/namespaces/" + API + "/_leader/mutex").size() == 2
                    && curator.getChildren().forPath("/slacker/cluster/example-cluster/namespaces/" + API2 + "/_leader/mutex").size() == 2);

            assertThat(tree()).containsExactlyElementsOf(ClusterFixture.snapshot("initial", addrA, addrB));
            // the manager namespace is published too (the original forgot)
            String mgr = "/slacker/cluster/example-cluster/namespaces/" + ClusterServer.MANAGER_NAMESPACE;
            assertThat(curator.getChildren().forPath(mgr)).contains(addrA, addrB, "_leader");

            a.offline(API);
            await().atMost(Duration.ofSeconds(10)).until(() -> addrB.equals(leaderOf(API)));
            assertThat(tree()).containsExactlyElementsOf(ClusterFixture.snapshot("after-offline-ns", addrA, addrB));

            a.setServerData(ClusterFixture.data("label", Keyword.of("updated"), "weight", 3L));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tree()).containsExactlyElementsOf(ClusterFixture.snapshot("after-set-server-data", addrA, addrB)));

            // kill B: its process (server socket) and its host (ZooKeeper traffic) disappear at once
            b.server().stop(Duration.ZERO);
            proxyB.cut();
            assertThat(tree()).containsExactlyElementsOf(ClusterFixture.snapshot("right-after-kill", addrA, addrB));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(tree()).containsExactlyElementsOf(ClusterFixture.snapshot("after-kill", addrA, addrB)));
            b.close();
        } finally {
            proxyB.close();
        }
    }
}
