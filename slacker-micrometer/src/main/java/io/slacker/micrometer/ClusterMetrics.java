package io.slacker.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;

/**
 * Cluster meters, from what slacker-cluster exposes publicly (needs slacker-cluster on the class
 * path): servers per namespace as a client sees them, leadership per namespace of a cluster node
 * (a leader change shows as a flip; Prometheus' {@code changes()} counts them), and the ZooKeeper
 * connection state of a Curator client.
 */
public final class ClusterMetrics {
    private ClusterMetrics() {
    }

    /** Gauge {@code slacker.cluster.servers{namespace}}: live servers of each namespace, as {@code client} sees them. */
    public static ClusterClient gaugeServers(ClusterClient client, MeterRegistry registry, String... namespaces) {
        for (String ns : namespaces) {
            Gauge.builder("slacker.cluster.servers", client, c -> c.servers(ns).size())
                .description("Live servers of the namespace").tag("namespace", ns).register(registry);
        }
        return client;
    }

    /** Gauge {@code slacker.cluster.leader{namespace}}: 1 while {@code node} leads the namespace, else 0. */
    public static ClusterServer gaugeLeadership(ClusterServer node, MeterRegistry registry) {
        for (String ns : node.namespaces()) {
            Gauge.builder("slacker.cluster.leader", node, n -> n.isLeader(ns) ? 1 : 0)
                .description("1 while this node is the namespace's leader").tag("namespace", ns)
                .tag("server", node.address()).register(registry);
        }
        return node;
    }

    /**
     * Gauge {@code slacker.zookeeper.connected} (1 or 0) and counter
     * {@code slacker.zookeeper.state.changes{state}} for a Curator client (the one given to the
     * cluster builders with {@code curator(...)}).
     */
    public static CuratorFramework bindZooKeeper(CuratorFramework curator, MeterRegistry registry) {
        AtomicInteger connected = new AtomicInteger(curator.getZookeeperClient().isConnected() ? 1 : 0);
        Gauge.builder("slacker.zookeeper.connected", connected, AtomicInteger::get)
            .description("1 while connected to ZooKeeper").strongReference(true).register(registry);
        curator.getConnectionStateListenable().addListener((c, state) -> {
            connected.set(state.isConnected() ? 1 : 0);
            Counter.builder("slacker.zookeeper.state.changes").description("ZooKeeper connection state changes")
                .tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
        });
        return curator;
    }

}
