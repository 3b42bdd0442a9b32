package io.slacker.cluster.internal.zk;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader election of one namespace: a Curator {@link LeaderSelector} under
 * {@code NS/_leader/mutex}. The winner writes its {@code host:port} into {@code NS/_leader} at
 * once and holds leadership until it leaves the election, loses its session or the connection is
 * suspended (then it re-queues).
 */
public final class LeaderElection implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final CuratorFramework client;
    private final String leaderPath;
    private final String address;
    private final LeaderSelector selector;
    private volatile boolean leader;

    /**
     * @param participantId the data of the lock node (slacker-cluster leaves Curator's default,
     *                      the local IP; we write the advertised host)
     */
    public LeaderElection(CuratorFramework client, ZkPaths paths, String namespace, String address, String participantId) {
        this.client = client;
        this.leaderPath = paths.leader(namespace);
        this.address = address;
        this.selector = new LeaderSelector(client, paths.mutex(namespace), new LeaderSelectorListenerAdapter() {
            @Override
            public void takeLeadership(CuratorFramework c) throws Exception {
                lead();
            }
        });
        selector.setId(participantId);
        selector.autoRequeue();
    }

    /** Joins the election. */
    public void start() {
        selector.start();
    }

    /** Whether this participant leads right now. */
    public boolean isLeader() {
        return leader;
    }

    private void lead() throws Exception {
        try {
            client.setData().forPath(leaderPath, address.getBytes(StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException e) {
            client.create().creatingParentsIfNeeded().forPath(leaderPath, address.getBytes(StandardCharsets.UTF_8));
        }
        leader = true;
        LOG.info("{} leads {}", address, leaderPath);
        try {
            new CountDownLatch(1).await(); // until interrupted: close(), session loss or suspension
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leader = false;
        }
    }

    /** Leaves the election (a waiting participant takes over at once). */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (RuntimeException e) {
            // never started, already closed, or the client is gone
        }
        leader = false;
    }
}
