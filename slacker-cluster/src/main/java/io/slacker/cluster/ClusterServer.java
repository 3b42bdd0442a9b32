package io.slacker.cluster;

import io.slacker.ContentType;
import io.slacker.SlackerException;
import io.slacker.SlackerServer;
import io.slacker.cluster.internal.zk.ServerRegistration;
import io.slacker.cluster.internal.zk.Zk;
import io.slacker.cluster.internal.zk.ZkPaths;
import io.slacker.data.Keyword;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SlackerServer} published in a ZooKeeper cluster registry, in the layout of the
 * Clojure slacker-cluster (so Clojure cluster clients find it, and Java {@link ClusterClient}s
 * find Clojure servers):
 *
 * <pre>
 * ROOT/C/servers/host:port             ephemeral, EDN server data
 * ROOT/C/namespaces/NS/host:port       ephemeral, empty
 * ROOT/C/namespaces/NS/_leader         the elected leader's host:port (election under _leader/mutex)
 * ROOT/C/functions/NS/FN               persistent, EDN {:name fn, :doc "...", :arglists ([x])}
 * </pre>
 *
 * <pre>{@code
 * ClusterServer node = ClusterServer.builder()
 *     .server(SlackerServer.builder().port(2104).expose(ExampleApi.class, impl))
 *     .zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *     .serverData(Map.of(Keyword.of("weight"), 3))
 *     .manager(true)
 *     .start();
 * }</pre>
 *
 * <p>Ephemeral nodes come back by themselves after a session expiry. {@link #close()} stops
 * gracefully: unpublish, wait the grace period so clients stop routing here, stop the server
 * (calls in flight finish), close the ZooKeeper client.
 */
public final class ClusterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterServer.class);

    /** The namespace of the manager functions. */
    public static final String MANAGER_NAMESPACE = "slacker.cluster.manager";

    /**
     * The extension id carrying the manager token ({@link Builder#managerToken}): a string, e.g.
     * {@code CallOptions.defaults().withExtension(MANAGER_TOKEN_EXTENSION, token)}.
     */
    public static final int MANAGER_TOKEN_EXTENSION = -2104;

    private final SlackerServer server;
    private final CuratorFramework curator;
    private final boolean ownsCurator;
    private final ServerRegistration registration;
    private final Serializer edn;
    private final String address;
    private final Duration gracePeriod;
    private final Duration shutdownTimeout;
    private final List<String> namespaces;
    private volatile Object serverData;
    private volatile boolean stopped;

    private ClusterServer(Builder b, SlackerServer server, CuratorFramework curator, boolean ownsCurator) throws Exception {
        this.server = server;
        this.curator = curator;
        this.ownsCurator = ownsCurator;
        this.edn = b.serializers.get(ContentType.CLJ);
        this.gracePeriod = b.gracePeriod;
        this.shutdownTimeout = b.shutdownTimeout;
        this.serverData = b.serverData;
        String connect = curator.getZookeeperClient().getCurrentConnectionString();
        String host = b.node != null ? b.node : Zk.localAddressTowards(connect);
        this.address = host + ":" + server.port();
        ZkPaths paths = new ZkPaths(b.zk.root(), b.zk.cluster());
        this.registration = new ServerRegistration(curator, paths, address, host, b.zk.connectTimeout().toMillis());
        this.namespaces = List.copyOf(server.namespaces());
        publishFunctions();
        registration.publishServer(edn.serialize(serverData));
        for (String ns : namespaces) {
            registration.online(ns);
        }
        LOG.info("cluster server {} published in {} ({})", address, paths.cluster(), namespaces);
    }

    private void publishFunctions() throws Exception {
        for (Map.Entry<String, Map<Keyword, Object>> e : server.functionMeta().entrySet()) {
            String full = e.getKey();
            int slash = full.indexOf('/');
            registration.publishFunction(full.substring(0, slash), full.substring(slash + 1), edn.serialize(e.getValue()));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The wrapped server. */
    public SlackerServer server() {
        return server;
    }

    /** This server's {@code host:port} in the registry. */
    public String address() {
        return address;
    }

    /** The namespaces the server exposes (published or not). */
    public List<String> namespaces() {
        return namespaces;
    }

    /** The namespaces published right now. */
    public List<String> onlineNamespaces() {
        return registration.onlineNamespaces();
    }

    /** Whether this server is the elected leader of a namespace. */
    public boolean isLeader(String namespace) {
        return registration.isLeader(namespace);
    }

    /** The current server data. */
    public Object serverData() {
        return serverData;
    }

    /** Replaces the server data (clients watching {@code servers/} see the change). */
    public void setServerData(Object data) {
        byte[] bytes = edn.serialize(data);
        try {
            registration.setServerData(bytes);
        } catch (Exception e) {
            throw new SlackerException("cannot publish server data: " + e, e);
        }
        this.serverData = data;
    }

    /** Removes this server from a namespace (clients stop calling it there); it keeps serving. */
    public void offline(String namespace) {
        registration.offline(namespace);
    }

    /** Publishes this server under a namespace it exposes again. */
    public void online(String namespace) {
        if (!namespaces.contains(namespace)) {
            throw new IllegalArgumentException("namespace not exposed by this server: " + namespace);
        }
        if (stopped) {
            throw new IllegalStateException("stopped");
        }
        try {
            registration.online(namespace);
        } catch (Exception e) {
            throw new SlackerException("cannot publish " + namespace + ": " + e, e);
        }
    }

    /** Takes every application namespace offline (the manager namespace stays reachable). */
    public void offline() {
        for (String ns : namespaces) {
            if (!ns.equals(MANAGER_NAMESPACE)) {
                offline(ns);
            }
        }
    }

    /** Publishes every namespace again. */
    public void online() {
        for (String ns : namespaces) {
            online(ns);
        }
    }

    /** Stops gracefully (see {@link #stop()}). */
    @Override
    public void close() {
        stop();
    }

    /**
     * Unpublishes, waits the grace period, stops the server (in-flight calls finish within the
     * shutdown timeout) and closes the ZooKeeper client. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        boolean connected = curator.getZookeeperClient().isConnected();
        if (connected) {
            registration.close();
            if (!gracePeriod.isZero()) {
                try {
                    Thread.sleep(gracePeriod.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        server.stop(shutdownTimeout);
        if (ownsCurator) {
            curator.close();
        }
        if (!connected) {
            // cut off from ZooKeeper: our ephemerals vanish with the session; just stop the recipes
            try {
                registration.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the registration offline: {}", e.toString());
            }
        }
        LOG.info("cluster server {} stopped", address);
    }

    /** The ZooKeeper client (tests). */
    CuratorFramework curator() {
        return curator;
    }

    /** Whether {@link #stop()} has begun. */
    public boolean isStopped() {
        return stopped;
    }

    /** Configures and starts a {@link ClusterServer}. */
    public static final class Builder {
        private ZooKeeperSettings zk = ZooKeeperSettings.defaults();
        private SlackerServer.Builder serverBuilder;
        private SlackerServer startedServer;
        private String node;
        private Object serverData;
        private boolean manager;
        private String managerToken;
        private final java.util.Set<java.net.InetAddress> managerAllowed = new java.util.LinkedHashSet<>();
        private Serializers serializers = Serializers.defaults();
        private Duration gracePeriod = Duration.ofSeconds(1);
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The server to start and publish (needed for {@link #manager(boolean)}); the builder is not changed. */
        public Builder server(SlackerServer.Builder server) {
            this.serverBuilder = Objects.requireNonNull(server);
            this.startedServer = null;
            return this;
        }

        /** An already started server to publish (stopped with this cluster server). */
        public Builder server(SlackerServer server) {
            this.startedServer = Objects.requireNonNull(server);
            this.serverBuilder = null;
            return this;
        }

        /**
         * Every ZooKeeper setting at once (connect string or Curator client, root, cluster,
         * timeouts); the other ZooKeeper methods of this builder change the same settings.
         */
        public Builder zookeeper(ZooKeeperSettings settings) {
            this.zk = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The ZooKeeper connect string, e.g. {@code 127.0.0.1:2181}. */
        public Builder zookeeper(String connectString) {
            zk = zk.withConnectString(connectString);
            return this;
        }

        /** A started Curator client to use instead of a connect string (not closed by the server). */
        public Builder curator(CuratorFramework client) {
            zk = zk.withCurator(client);
            return this;
        }

        /** The registry root (default {@code /slacker/cluster}). */
        public Builder root(String root) {
            zk = zk.withRoot(root);
            return this;
        }

        /** The cluster name (required). */
        public Builder cluster(String name) {
            zk = zk.withCluster(name);
            return this;
        }

        /**
         * The host clients use to reach this server (slacker's {@code :node}); default: the local
         * address this host uses to reach ZooKeeper.
         */
        public Builder node(String host) {
            this.node = host;
            return this;
        }

        /** The server data published in {@code servers/host:port} (EDN; default nil). */
        public Builder serverData(Object data) {
            this.serverData = data;
            return this;
        }

        /**
         * Exposes {@code slacker.cluster.manager} (offline, offline-ns, online, online-ns,
         * set-server-data!, server-data, shutdown) on the server. Needs {@link #server(SlackerServer.Builder)}.
         * Anyone allowed to call it can take the node offline or stop it: calls are accepted from
         * loopback addresses only, unless {@link #managerAllowFrom} lists others, and must carry
         * the {@link #managerToken} when one is set.
         */
        public Builder manager(boolean on) {
            this.manager = on;
            return this;
        }

        /**
         * Manager calls must carry this shared token as extension
         * {@link ClusterServer#MANAGER_TOKEN_EXTENSION} (protocol v6).
         */
        public Builder managerToken(String token) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("manager token must not be empty");
            }
            this.managerToken = token;
            return this;
        }

        /**
         * The IP addresses manager calls may come from, instead of loopback only.
         *
         * @throws IllegalArgumentException for something that is not an IP address literal
         */
        public Builder managerAllowFrom(String... ipAddresses) {
            for (String ip : ipAddresses) {
                if (ip == null || !ip.matches("[0-9a-fA-F:.\\[\\]%]+")) {
                    throw new IllegalArgumentException("not an IP address: " + ip);
                }
                try {
                    managerAllowed.add(java.net.InetAddress.getByName(ip));
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address: " + ip, e);
                }
            }
            return this;
        }

        /** The serializers; the EDN one writes server data (default: every built-in one). */
        public Builder serializers(Serializers serializers) {
            this.serializers = serializers;
            return this;
        }

        /** The ZooKeeper session timeout (default 10 s): how long a dead server stays listed. */
        public Builder sessionTimeout(Duration timeout) {
            zk = zk.withSessionTimeout(timeout);
            return this;
        }

        /** How long to wait for ZooKeeper at start (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            zk = zk.withConnectTimeout(timeout);
            return this;
        }

        /** Time between unpublishing and stopping the server, for clients to notice (default 1 s). */
        public Builder gracePeriod(Duration period) {
            this.gracePeriod = period;
            return this;
        }

        /** How long a stop waits for in-flight calls (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Starts the server (when given a builder), connects to ZooKeeper and publishes.
         *
         * @throws SlackerException when the server cannot start or ZooKeeper cannot be reached;
         *                          nothing stays running then
         */
        public ClusterServer start() {
            zk.validate();
            if (serverBuilder == null && startedServer == null) {
                throw new IllegalStateException("server required");
            }
            if (manager && serverBuilder == null) {
                throw new IllegalStateException("manager(true) needs server(SlackerServer.Builder)");
            }
            AtomicReference<ClusterServer> self = new AtomicReference<>();
            SlackerServer server = startedServer;
            if (server == null) {
                // a copy: the caller's builder stays as it was, and can start this again
                SlackerServer.Builder sb = serverBuilder.copy();
                if (manager) {
                    sb.expose(MANAGER_NAMESPACE, ManagerNamespace.functions(self::get));
                    sb.interceptor(new ManagerGuard(managerToken, managerAllowed));
                }
                server = sb.start();
            }
            ZooKeeperSettings.Connection zkc = null;
            try {
                zkc = zk.connect();
                ClusterServer cs = new ClusterServer(this, server, zkc.curator(), zkc.owned());
                self.set(cs);
                return cs;
            } catch (Exception e) {
                server.stop(Duration.ZERO);
                if (zkc != null) {
                    zkc.close();
                }
                if (e instanceof SlackerException se) {
                    throw se;
                }
                throw new SlackerException("cannot start cluster server: " + e, e);
            }
        }
    }
}
