package io.slacker.cluster.internal.zk;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one cluster server publishes in ZooKeeper: its {@code servers/ADDR} node, one
 * {@code namespaces/NS/ADDR} node and one leader election per online namespace, and the
 * (persistent, never removed) {@code functions/NS/FN} nodes. Thread-safe.
 */
public final class ServerRegistration implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRegistration.class);
    private static final byte[] EMPTY = new byte[0];

    private final CuratorFramework client;
    private final ZkPaths paths;
    private final String address;
    private final String participantId;
    private final long createTimeoutMs;
    private final Map<String, Online> online = new LinkedHashMap<>();
    private EphemeralNode serverNode;
    private boolean closed;

    private record Online(EphemeralNode node, LeaderElection election) {
    }

    /**
     * @param address       this server's {@code host:port}
     * @param participantId the lock-node data of its leader elections
     */
    public ServerRegistration(CuratorFramework client, ZkPaths paths, String address, String participantId,
                              long createTimeoutMs) {
        this.client = client;
        this.paths = paths;
        this.address = address;
        this.participantId = participantId;
        this.createTimeoutMs = createTimeoutMs;
    }

    /** Creates {@code functions/NS/FN} with the metadata EDN unless it exists (never overwritten). */
    public void publishFunction(String ns, String fn, byte[] metaEdn) throws Exception {
        createIfAbsent(paths.function(ns, fn), metaEdn);
    }

    /** Creates (or re-data's) the {@code servers/ADDR} node. */
    public synchronized void publishServer(byte[] serverData) throws Exception {
        if (serverNode != null) {
            serverNode.setData(serverData);
            return;
        }
        createIfAbsent(paths.servers(), null);
        EphemeralNode node = new EphemeralNode(client, paths.server(address), serverData);
        node.start(createTimeoutMs);
        serverNode = node;
    }

    /** Replaces the data of the {@code servers/ADDR} node. */
    public synchronized void setServerData(byte[] serverData) throws Exception {
        if (serverNode == null) {
            throw new IllegalStateException("server node not published");
        }
        serverNode.setData(serverData);
    }

    /** Publishes this server under a namespace and joins its leader election; no-op when online. */
    public synchronized void online(String ns) throws Exception {
        if (closed || online.containsKey(ns)) {
            return;
        }
        createIfAbsent(paths.namespace(ns), null);
        createIfAbsent(paths.leader(ns), null);
        createIfAbsent(paths.mutex(ns), null);
        EphemeralNode node = new EphemeralNode(client, paths.namespaceServer(ns, address), EMPTY);
        node.start(createTimeoutMs);
        LeaderElection election = new LeaderElection(client, paths, ns, address, participantId);
        election.start();
        online.put(ns, new Online(node, election));
    }

    /** Removes this server from a namespace and leaves its election; no-op when offline. */
    public synchronized void offline(String ns) {
        Online o = online.remove(ns);
        if (o != null) {
            o.node().close();
            o.election().close();
        }
    }

    /** The namespaces this server is published under. */
    public synchronized List<String> onlineNamespaces() {
        return new ArrayList<>(online.keySet());
    }

    /** Whether this server leads a namespace's election. */
    public synchronized boolean isLeader(String ns) {
        Online o = online.get(ns);
        return o != null && o.election().isLeader();
    }

    /** Removes every ephemeral node and leaves every election. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String ns : new ArrayList<>(online.keySet())) {
            offline(ns);
        }
        if (serverNode != null) {
            serverNode.close();
            serverNode = null;
        }
    }

    /** Creates a persistent node (parents get empty data) unless it exists. */
    private void createIfAbsent(String path, byte[] data) throws Exception {
        if (client.checkExists().forPath(path) != null) {
            return;
        }
        try {
            client.create().creatingParentsIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException e) {
            LOG.trace("{} created concurrently", path);
        }
    }
}
