package io.slacker.spring.boot;

import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes the proxies of remote interfaces: through the cluster client when {@code slacker.cluster.*}
 * is set, else through the direct client of {@code slacker.client.address}. Both clients are lazy
 * beans, made on the first proxy.
 */
public class SlackerProxyFactory {
    private final ObjectProvider<ClusterClient> cluster;
    private final ObjectProvider<SlackerClient> direct;

    /** A factory over the context's clients. */
    public SlackerProxyFactory(ObjectProvider<ClusterClient> cluster, ObjectProvider<SlackerClient> direct) {
        this.cluster = cluster;
        this.direct = direct;
    }

    /**
     * A proxy of a {@code @Namespace} interface.
     *
     * @throws IllegalStateException when neither a cluster nor a client address is configured
     */
    public <T> T proxy(Class<T> iface) {
        ClusterClient c = cluster.getIfAvailable();
        if (c != null) {
            return c.proxy(iface);
        }
        SlackerClient d = direct.getIfAvailable();
        if (d != null) {
            return d.proxy(iface);
        }
        throw new IllegalStateException("cannot make a slacker proxy of " + iface.getName()
            + ": set slacker.client.address (a server) or slacker.cluster.zookeeper and slacker.cluster.name (a cluster)");
    }
}
