package io.slacker.spring.boot;

import io.slacker.cluster.ClusterServer;
import io.slacker.SlackerServer;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator health of slacker: down when the configured server is not running, or when ZooKeeper
 * is configured and not connected; details: port, namespaces, ZooKeeper connection, the namespaces
 * registered in the cluster.
 */
public class SlackerHealthIndicator extends AbstractHealthIndicator {
    private final ObjectProvider<SlackerServerLifecycle> lifecycle;
    private final ObjectProvider<CuratorFramework> curator;

    /** An indicator over the server lifecycle and the ZooKeeper client, either possibly absent. */
    public SlackerHealthIndicator(ObjectProvider<SlackerServerLifecycle> lifecycle, ObjectProvider<CuratorFramework> curator) {
        super("slacker health check failed");
        this.lifecycle = lifecycle;
        this.curator = curator;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        SlackerServerLifecycle l = lifecycle.getIfAvailable();
        SlackerServer server = l != null ? l.server() : null;
        if (server != null) {
            builder.withDetail("port", server.port()).withDetail("namespaces", server.namespaces());
        } else {
            builder.withDetail("server", "not running");
        }
        CuratorFramework zk = curator.getIfAvailable();
        if (zk != null) {
            boolean connected = zk.getZookeeperClient().isConnected();
            builder.withDetail("zookeeper", connected ? "connected" : "disconnected");
            if (!connected) {
                builder.down();
            }
        }
        ClusterServer cluster = l != null ? l.clusterServer() : null;
        if (cluster != null) {
            builder.withDetail("registered", cluster.onlineNamespaces());
        }
    }
}
