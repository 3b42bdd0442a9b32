package io.slacker.cluster.internal.zk;

import java.io.Closeable;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ephemeral znode that stays present through connection loss and session expiry (Curator
 * {@link PersistentNode}). A node left by an earlier session under the same path (a restart
 * within the session timeout, or a reconnect racing the old session's expiry) is deleted and
 * created again for this session instead of being adopted or failing.
 */
public final class EphemeralNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralNode.class);

    private final CuratorFramework client;
    private final String path;
    private final PersistentNode node;
    private final ConnectionStateListener reconnect = this::stateChanged;

    /**
     * @param data the node's data (may be an empty array)
     */
    public EphemeralNode(CuratorFramework client, String path, byte[] data) {
        this.client = client;
        this.path = path;
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, data, true);
    }

    /** Creates the node and waits up to {@code timeoutMs} for it to exist. */
    public void start(long timeoutMs) throws Exception {
        removeForeign();
        client.getConnectionStateListenable().addListener(reconnect);
        node.start();
        if (!node.waitForInitialCreate(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("znode " + path + " not created within " + timeoutMs + " ms");
        }
        // the old session may have re-created it between our delete and our create
        removeForeign();
    }

    /** Replaces the data (asynchronously; the node keeps it across re-creations). */
    public void setData(byte[] data) throws Exception {
        node.setData(data);
    }

    /** The path. */
    public String path() {
        return path;
    }

    private void stateChanged(CuratorFramework c, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            try {
                removeForeign();
            } catch (Exception e) {
                LOG.debug("checking {} after reconnect: {}", path, e.toString());
            }
        }
    }

    /** Deletes the node when it belongs to another session; the PersistentNode then re-creates it. */
    private void removeForeign() throws Exception {
        Stat stat = client.checkExists().forPath(path);
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        if (stat != null && stat.getEphemeralOwner() != session) {
            try {
                client.delete().withVersion(stat.getVersion()).forPath(path);
                LOG.info("deleted {} left by session 0x{}", path, Long.toHexString(stat.getEphemeralOwner()));
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                // gone or changed meanwhile: the PersistentNode's watch takes care of it
            }
        }
    }

    /** Deletes the node and stops maintaining it. */
    @Override
    public void close() {
        client.getConnectionStateListenable().removeListener(reconnect);
        try {
            node.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", path, e.toString());
        }
    }
}
