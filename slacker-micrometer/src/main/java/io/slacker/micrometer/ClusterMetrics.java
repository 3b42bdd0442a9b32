package io.slacker.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterObserver;
import io.slacker.cluster.ClusterServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;

/**
 * Cluster meters, from what slacker-cluster exposes publicly (needs slacker-cluster on the class
 * path): failovers and leader changes as a client sees them ({@link #bind(ClusterClient.Builder, MeterRegistry)}),
 * servers per namespace as a client sees them, leadership per namespace of a cluster node, and
 * the ZooKeeper connection state of a Curator client.
 */
public final class ClusterMetrics {
    private ClusterMetrics() {
    }

    /** Counter of failovers ({@code namespace}). */
    public static final String FAILOVERS = "slacker.cluster.failovers";
    /** Counter of leader changes ({@code namespace}): a new live leader seen after the first read. */
    public static final String LEADER_CHANGES = "slacker.cluster.leader.changes";

    /**
     * Adds {@link #observer(MeterRegistry)} to a cluster client builder; returns the builder.
     */
    public static ClusterClient.Builder bind(ClusterClient.Builder client, MeterRegistry registry) {
        return client.observer(observer(registry));
    }

    /**
     * An observer counting {@value #FAILOVERS}{@code {namespace}} (a call moved from an
     * unreachable server to another) and {@value #LEADER_CHANGES}{@code {namespace}} (a namespace
     * got a new live leader; a handover counts once, not for the moment without a leader). The
     * namespaces are the client's own; function names are not tags.
     */
    public static ClusterObserver observer(MeterRegistry registry) {
        return new ClusterObserver() {
            @Override
            public void failover(String namespace, String function, String from, String to) {
                Counter.builder(FAILOVERS).description("Calls moved to another server after a broken connection")
                    .tag("namespace", namespace).register(registry).increment();
            }

            @Override
            public void leaderChanged(String namespace, String previous, String current) {
                if (current != null) {
                    Counter.builder(LEADER_CHANGES).description("New live leaders of a namespace")
                        .tag("namespace", namespace).register(registry).increment();
                }
            }
        };
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
