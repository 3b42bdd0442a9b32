package io.slacker.cluster;

import io.slacker.cluster.internal.zk.Zk;
import io.slacker.cluster.internal.zk.ZkPaths;
import java.time.Duration;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;

/**
 * Where a cluster lives in ZooKeeper and how to reach it: a connect string (or a Curator client
 * of the application's own), the registry root, the cluster name and the session and connection
 * timeouts. Immutable; every builder that talks to a cluster ({@link ClusterClient},
 * {@link ClusterServer}, {@link ClusterConfig}, the gateway, the sidecar, the dashboard) takes one
 * with {@code zookeeper(ZooKeeperSettings)}, and its {@code zookeeper(String)}, {@code curator},
 * {@code root}, {@code cluster}, {@code sessionTimeout} and {@code connectTimeout} methods set
 * the same fields.
 *
 * <pre>{@code
 * ZooKeeperSettings zk = ZooKeeperSettings.of("127.0.0.1:2181", "example-cluster")
 *     .withSessionTimeout(Duration.ofSeconds(5));
 * ClusterServer server = ClusterServer.builder().zookeeper(zk).server(...).start();
 * ClusterClient client = ClusterClient.builder().zookeeper(zk).build();
 * }</pre>
 */
public final class ZooKeeperSettings {
    /** The default registry root, as in the Clojure slacker-cluster. */
    public static final String DEFAULT_ROOT = ZkPaths.DEFAULT_ROOT;

    private static final ZooKeeperSettings DEFAULTS =
        new ZooKeeperSettings(null, null, DEFAULT_ROOT, null, Duration.ofSeconds(10), Duration.ofSeconds(15));

    private final String connectString;
    private final CuratorFramework curator;
    private final String root;
    private final String cluster;
    private final Duration sessionTimeout;
    private final Duration connectTimeout;

    private ZooKeeperSettings(String connectString, CuratorFramework curator, String root, String cluster,
                              Duration sessionTimeout, Duration connectTimeout) {
        this.connectString = connectString;
        this.curator = curator;
        this.root = root;
        this.cluster = cluster;
        this.sessionTimeout = sessionTimeout;
        this.connectTimeout = connectTimeout;
    }

    /** Nothing to connect to yet; root {@value #DEFAULT_ROOT}, session timeout 10 s, connect timeout 15 s. */
    public static ZooKeeperSettings defaults() {
        return DEFAULTS;
    }

    /** The defaults with this connect string and cluster. */
    public static ZooKeeperSettings of(String connectString, String cluster) {
        return DEFAULTS.withConnectString(connectString).withCluster(cluster);
    }

    /** With this connect string ({@code host:port,...}); a connection made from it is closed with its user. */
    public ZooKeeperSettings withConnectString(String connectString) {
        return new ZooKeeperSettings(connectString, curator, root, cluster, sessionTimeout, connectTimeout);
    }

    /** With a started Curator client to use instead of a connect string (never closed by its users). */
    public ZooKeeperSettings withCurator(CuratorFramework client) {
        return new ZooKeeperSettings(connectString, client, root, cluster, sessionTimeout, connectTimeout);
    }

    /** With this registry root. */
    public ZooKeeperSettings withRoot(String root) {
        return new ZooKeeperSettings(connectString, curator, Objects.requireNonNull(root, "root"), cluster, sessionTimeout,
            connectTimeout);
    }

    /** With this cluster name. */
    public ZooKeeperSettings withCluster(String cluster) {
        return new ZooKeeperSettings(connectString, curator, root, cluster, sessionTimeout, connectTimeout);
    }

    /** With this ZooKeeper session timeout (for connections made from the connect string). */
    public ZooKeeperSettings withSessionTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, curator, root, cluster, positive(timeout, "session timeout"),
            connectTimeout);
    }

    /** With this wait for the first connection. */
    public ZooKeeperSettings withConnectTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, curator, root, cluster, sessionTimeout,
            positive(timeout, "connect timeout"));
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /** The connect string, or null. */
    public String connectString() {
        return connectString;
    }

    /** The application's Curator client, or null. */
    public CuratorFramework curator() {
        return curator;
    }

    /** The registry root. */
    public String root() {
        return root;
    }

    /** The cluster name, or null. */
    public String cluster() {
        return cluster;
    }

    /** The session timeout. */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** The wait for the first connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A description for logs and pages: the connect string, or that a Curator client was given. */
    public String describe() {
        return connectString != null ? connectString : "(given Curator client)";
    }

    /**
     * Checks the settings are complete.
     *
     * @throws IllegalStateException when no cluster is named (or its name contains {@code /}), or
     *                               neither a connect string nor a Curator client is given
     */
    public ZooKeeperSettings validate() {
        if (cluster == null || cluster.isEmpty() || cluster.contains("/")) {
            throw new IllegalStateException("a cluster name (without /) is required" + (cluster == null ? "" : ", not '" + cluster + "'"));
        }
        if (connectString == null && curator == null) {
            throw new IllegalStateException("zookeeper connect string or curator client required");
        }
        return this;
    }

    /**
     * Connects: to the connect string (a new client, connected within the connect timeout) or
     * through the given Curator client (checked to work with this library). Close the result when
     * done: it closes the client only when it made it.
     *
     * @throws IllegalStateException when the settings are incomplete or ZooKeeper cannot be
     *                               reached in time (or is too old)
     */
    public Connection connect() {
        validate();
        if (curator != null) {
            Zk.requireUsable(curator, connectTimeout);
            return new Connection(curator, false);
        }
        return new Connection(Zk.connect(connectString, sessionTimeout, connectTimeout), true);
    }

    /**
     * Like {@link #connect()}, but returns at once: a client made from the connect string is
     * started and connects in the background (for users that show a disconnected state rather
     * than fail).
     */
    public Connection connectInBackground() {
        validate();
        if (curator != null) {
            return new Connection(curator, false);
        }
        CuratorFramework c = Zk.newClient(connectString, sessionTimeout, connectTimeout);
        c.start();
        return new Connection(c, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZooKeeperSettings z && Objects.equals(connectString, z.connectString) && curator == z.curator
            && root.equals(z.root) && Objects.equals(cluster, z.cluster) && sessionTimeout.equals(z.sessionTimeout)
            && connectTimeout.equals(z.connectTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectString, System.identityHashCode(curator), root, cluster, sessionTimeout, connectTimeout);
    }

    @Override
    public String toString() {
        return "ZooKeeperSettings[" + describe() + " " + root + "/" + cluster + ", session " + sessionTimeout
            + ", connect " + connectTimeout + "]";
    }

    /** A Curator client to use, closed by {@link #close()} only when these settings made it. */
    public static final class Connection implements AutoCloseable {
        private final CuratorFramework curator;
        private final boolean owned;

        private Connection(CuratorFramework curator, boolean owned) {
            this.curator = curator;
            this.owned = owned;
        }

        /** The client. */
        public CuratorFramework curator() {
            return curator;
        }

        /** Whether the client was made here (and is closed by {@link #close()}). */
        public boolean owned() {
            return owned;
        }

        /** Closes the client if it was made here; the application's own client stays open. */
        @Override
        public void close() {
            if (owned) {
                curator.close();
            }
        }
    }
}
