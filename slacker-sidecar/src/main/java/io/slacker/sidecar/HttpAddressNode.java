package io.slacker.sidecar;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own HTTP address in ZooKeeper, {@code ROOT/C/http/NS/host:port} (ephemeral,
 * EDN {@code {:url "http://host:port", :server "sidecar-host:port"}}), for routes that forward HTTP
 * to the app. Curator's {@link PersistentNode} brings it back after a session expiry.
 */
final class HttpAddressNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAddressNode.class);

    private final CuratorFramework curator;
    private final String path;
    private final byte[] data;
    private PersistentNode node;

    HttpAddressNode(CuratorFramework curator, String path, byte[] data) {
        this.curator = curator;
        this.path = path;
        this.data = data;
    }

    /** The node's path. */
    String path() {
        return path;
    }

    /** Creates the node (waits up to {@code waitMs} for it to exist). */
    synchronized void publish(long waitMs) throws InterruptedException {
        if (node != null) {
            return;
        }
        node = new PersistentNode(curator, CreateMode.EPHEMERAL, false, path, data);
        node.start();
        if (!node.waitForInitialCreate(waitMs, TimeUnit.MILLISECONDS)) {
            LOG.warn("{} not created within {} ms; it will be when ZooKeeper answers", path, waitMs);
        }
    }

    /** Removes the node. */
    synchronized void unpublish() {
        if (node == null) {
            return;
        }
        try {
            node.close();
        } catch (Exception e) {
            LOG.debug("removing {}: {}", path, e.toString());
        }
        node = null;
    }

    @Override
    public void close() {
        unpublish();
    }
}
