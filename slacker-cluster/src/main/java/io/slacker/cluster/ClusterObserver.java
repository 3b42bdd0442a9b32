package io.slacker.cluster;

import java.util.List;

/**
 * A zero-dependency hook for watching what a {@link ClusterClient} sees happen in the cluster:
 * failovers of its calls and leader changes of the namespaces it uses (in the style of the core's
 * {@link io.slacker.spi.ConnectionObserver}). Add one with {@link ClusterClient.Builder#observer};
 * slacker-micrometer's {@code ClusterMetrics.observer(registry)} turns them into meters. Called on
 * I/O and ZooKeeper event threads: must be thread-safe and must not block. What an observer
 * throws is logged and ignored.
 */
public interface ClusterObserver {

    /**
     * A call could not reach {@code from} (connection broken) and is sent to {@code to} instead
     * (see {@link GroupingPolicy#withFailover}).
     */
    default void failover(String namespace, String function, String from, String to) {
    }

    /**
     * The live leader of a namespace changed after the client's first read of it: {@code previous}
     * or {@code current} is null while the namespace has no live leader (a dead leader's address
     * left in {@code _leader} counts as none). A leader handing over to another server typically
     * shows as two calls: {@code (A, null)}, then {@code (null, B)}.
     */
    default void leaderChanged(String namespace, String previous, String current) {
    }

    /** The live servers of a namespace changed (leader first), including the first read. */
    default void serversChanged(String namespace, List<String> servers) {
    }

    /** The observer that does nothing. */
    ClusterObserver NONE = new ClusterObserver() {
    };
}
