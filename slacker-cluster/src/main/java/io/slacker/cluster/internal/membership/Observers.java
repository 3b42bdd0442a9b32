package io.slacker.cluster.internal.membership;

import io.slacker.cluster.ClusterObserver;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several observers as one; what one throws is logged and does not reach the others or the caller. */
public final class Observers implements ClusterObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<ClusterObserver> all;

    /** These observers, in order. */
    public Observers(List<ClusterObserver> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void failover(String namespace, String function, String from, String to) {
        for (ClusterObserver o : all) {
            try {
                o.failover(namespace, function, from, to);
            } catch (RuntimeException e) {
                LOG.warn("cluster observer failed", e);
            }
        }
    }

    @Override
    public void leaderChanged(String namespace, String previous, String current) {
        for (ClusterObserver o : all) {
            try {
                o.leaderChanged(namespace, previous, current);
            } catch (RuntimeException e) {
                LOG.warn("cluster observer failed", e);
            }
        }
    }

    @Override
    public void serversChanged(String namespace, List<String> servers) {
        for (ClusterObserver o : all) {
            try {
                o.serversChanged(namespace, servers);
            } catch (RuntimeException e) {
                LOG.warn("cluster observer failed", e);
            }
        }
    }
}
