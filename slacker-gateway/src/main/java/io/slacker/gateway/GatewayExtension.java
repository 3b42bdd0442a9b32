package io.slacker.gateway;

import org.apache.curator.framework.CuratorFramework;

/**
 * A feature that plugs into a gateway as it starts: it may add filters and observers and use the
 * gateway's ZooKeeper session. Other modules provide them (e.g. slacker-micrometer's metrics and
 * {@code /metrics}, slacker-dashboard's page under {@code /_gateway/dashboard}); add them with
 * {@link Gateway.Builder#extension}.
 */
@FunctionalInterface
public interface GatewayExtension {

    /**
     * Installs the extension into a starting gateway.
     *
     * @return what to close when the gateway stops (closed in reverse order of installation), or null
     * @throws Exception to abort the start (the gateway closes what it opened)
     */
    AutoCloseable install(Setup setup) throws Exception;

    /** What a starting gateway offers its extensions. */
    interface Setup {
        /** The gateway's connected Curator client (owned by the gateway: do not close it). */
        CuratorFramework curator();

        /** The registry root, e.g. {@code /slacker/cluster}. */
        String root();

        /** The cluster name. */
        String cluster();

        /** Adds a filter to the chain. */
        void filter(GatewayFilter filter);

        /** Adds an observer of answered requests. */
        void observer(GatewayObserver observer);
    }
}
