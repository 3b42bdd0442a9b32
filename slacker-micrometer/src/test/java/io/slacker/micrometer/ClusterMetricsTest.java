package io.slacker.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.ServerInfo;
import io.slacker.cluster.ServerSelector;
import io.slacker.spi.RemoteFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Cluster meters against a real ZooKeeper and real cluster nodes. */
class ClusterMetricsTest {
    private static final String NS = "cluster.metrics";

    private static ClusterServer node(String zk) {
        return ClusterServer.builder()
            .server(SlackerServer.builder().host("127.0.0.1").port(0)
                .expose(NS, Map.<String, RemoteFunction>of("ping", args -> "pong")))
            .zookeeper(zk).cluster("metrics").node("127.0.0.1")
            .sessionTimeout(Duration.ofSeconds(3)).gracePeriod(Duration.ofMillis(100))
            .start();
    }

    @Test
    void serversLeadershipZooKeeperStateAndPerServerClientCalls() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (TestingServer zk = new TestingServer()) {
            CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), 5000, 5000,
                new RetryOneTime(200));
            ClusterMetrics.bindZooKeeper(curator, registry);
            curator.start();
            ClusterServer a = node(zk.getConnectString());
            ClusterServer b = node(zk.getConnectString());
            try (ClusterClient client = ClusterClient.builder().curator(curator).cluster("metrics")
                    .client(SlackerMetrics.bind(SlackerClient.builder(), registry)).build()) {
                ClusterMetrics.gaugeServers(client, registry, NS);
                ClusterMetrics.gaugeLeadership(a, registry);
                ClusterMetrics.gaugeLeadership(b, registry);

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(registry.get("slacker.cluster.servers").tag("namespace", NS).gauge().value()).isEqualTo(2);
                    assertThat(registry.get("slacker.zookeeper.connected").gauge().value()).isEqualTo(1);
                    assertThat(registry.get("slacker.cluster.leader").tag("namespace", NS).gauges().stream()
                        .mapToDouble(g -> g.value()).sum()).isEqualTo(1);
                });
                for (int i = 0; i < 4; i++) {
                    assertThat(client.call(NS, "ping", List.of())).isEqualTo("pong");
                }
                assertThat(registry.get("slacker.client.calls").tags("namespace", NS, "function", "ping", "result", "success")
                    .timer().count()).isEqualTo(4);
                assertThat(registry.get("slacker.zookeeper.state.changes").tag("state", "connected").counter().count())
                    .isEqualTo(1);

                ClusterServer leader = a.isLeader(NS) ? a : b;
                ClusterServer other = leader == a ? b : a;
                leader.close();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(registry.get("slacker.cluster.servers").tag("namespace", NS).gauge().value()).isEqualTo(1);
                    assertThat(registry.get("slacker.cluster.leader").tags("namespace", NS, "server", other.address())
                        .gauge().value()).isEqualTo(1);
                });
            } finally {
                a.close();
                b.close();
                curator.close();
            }
        }
    }

    @Test
    void leaderChangesAndFailoversCountedAfterRealServersStop() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (TestingServer zk = new TestingServer()) {
            String zks = zk.getConnectString();
            ClusterServer a = node(zks);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeader(NS));
            ClusterServer b = node(zks);
            ClusterServer c = node(zks);
            try (ClusterClient client = ClusterMetrics.bind(ClusterClient.builder().zookeeper(zks).cluster("metrics")
                    .failover(1), registry).build()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> client.servers(NS).size() == 3
                    && a.address().equals(client.leader(NS)));
                // the first read of the namespace is no change
                assertThat(registry.find(ClusterMetrics.LEADER_CHANGES).counter()).isNull();

                a.close();
                await().atMost(Duration.ofSeconds(20)).until(() -> client.servers(NS).size() == 2 && client.leader(NS) != null);
                assertThat(registry.get(ClusterMetrics.LEADER_CHANGES).tag("namespace", NS).counter().count()).isEqualTo(1);

                // kill the server process of the follower: its registration stays, its port is closed
                ClusterServer dead = b.isLeader(NS) ? c : b;
                ClusterServer alive = dead == b ? c : b;
                dead.server().stop(Duration.ZERO);
                ServerSelector deadFirst = (ns, fn, args, servers) -> servers.stream().map(ServerInfo::address)
                    .filter(dead.address()::equals).findFirst().map(List::of).orElse(List.of(servers.get(0).address()));
                assertThat(client.servers(NS)).contains(dead.address());
                assertThat(client.call(NS, "ping", List.of(), GroupingPolicy.defaults().withFailover(1)
                    .withSelector(deadFirst).options())).isEqualTo("pong");
                assertThat(registry.get(ClusterMetrics.FAILOVERS).tag("namespace", NS).counter().count()).isEqualTo(1);
                assertThat(client.leader(NS)).isEqualTo(alive.address());
                assertThat(registry.get(ClusterMetrics.LEADER_CHANGES).counter().count()).isEqualTo(1);
            } finally {
                a.close();
                b.close();
                c.close();
            }
        }
    }
}
