package io.slacker.sidecar;

import io.slacker.ContentType;
import io.slacker.SlackerException;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ClusterServer;
import io.slacker.cluster.ZooKeeperSettings;
import io.slacker.cluster.internal.zk.ZkPaths;
import io.slacker.data.Keyword;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import io.slacker.sidecar.app.AppClient;
import io.slacker.sidecar.local.LocalApi;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins an HTTP application (Python, Node, ...) to a slacker cluster, as a process beside it:
 *
 * <ul>
 *   <li>a slacker server exposing the namespace: {@code NS/f} becomes {@code POST APP/f} with the
 *       arguments as a JSON array, the JSON answer is the result, an HTTP error is a remote
 *       exception carrying status and body; registered as a {@link ClusterServer} (same ZooKeeper
 *       layout, so Java and Clojure cluster clients call the app unchanged);</li>
 *   <li>the app's HTTP address under {@code ROOT/C/http/NS/host:port} (ephemeral);</li>
 *   <li>health polling: after {@code failures} failed checks the namespace goes offline (both
 *       nodes removed), it comes back with the first good check;</li>
 *   <li>a local HTTP API on 127.0.0.1 ({@link LocalApi}): hosts, cluster calls, config.</li>
 * </ul>
 *
 * <pre>{@code
 * Sidecar sidecar = Sidecar.builder().zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *     .namespace("my.py.svc").app(URI.create("http://127.0.0.1:5000")).port(2105).localPort(2106)
 *     .start();
 * }</pre>
 */
public final class Sidecar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);

    private final ZooKeeperSettings.Connection zk;
    private final CuratorFramework curator;
    private final ClusterServer server;
    private final HttpAddressNode httpNode;
    private final HealthMonitor health;
    private final ClusterClient client;
    private final ClusterConfig config;
    private final LocalApi local;
    private final String namespace;
    private final List<String> functions;
    private final long waitMs;

    private Sidecar(Builder b, ZooKeeperSettings.Connection zk, Parts p) {
        this.zk = zk;
        this.curator = zk.curator();
        this.server = p.server;
        this.httpNode = p.httpNode;
        this.health = p.health;
        this.client = p.client;
        this.config = p.config;
        this.local = p.local;
        this.namespace = b.namespace;
        this.functions = p.functions;
        this.waitMs = b.zk.connectTimeout().toMillis();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The slacker server's {@code host:port} in the registry. */
    public String address() {
        return server.address();
    }

    /** The slacker server's port. */
    public int port() {
        return server.server().port();
    }

    /** The local API's port, or -1 when it is off. */
    public int localPort() {
        return local == null ? -1 : local.port();
    }

    /** The namespace. */
    public String namespace() {
        return namespace;
    }

    /** The functions exposed. */
    public List<String> functions() {
        return functions;
    }

    /** The ZooKeeper node holding the app's HTTP address. */
    public String httpNodePath() {
        return httpNode.path();
    }

    /** The ZooKeeper client (tests). */
    CuratorFramework curator() {
        return curator;
    }

    /** Whether the app counts as healthy (the namespace is published). */
    public boolean healthy() {
        return health.up();
    }

    private void healthChanged(boolean up) {
        if (up) {
            server.online(namespace);
            try {
                httpNode.publish(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            server.offline(namespace);
            httpNode.unpublish();
        }
    }

    /** Stops health checks and the local API, unpublishes, stops the server, closes ZooKeeper. */
    @Override
    public void close() {
        health.close();
        if (local != null) {
            local.close();
        }
        httpNode.close();
        client.close();
        config.close();
        server.close();
        zk.close();
        LOG.info("sidecar for {} stopped", namespace);
    }

    /** What start builds, for the constructor. */
    private static final class Parts {
        ClusterServer server;
        HttpAddressNode httpNode;
        HealthMonitor health;
        ClusterClient client;
        ClusterConfig config;
        LocalApi local;
        List<String> functions;
    }

    /** Configures and starts a {@link Sidecar}. */
    public static final class Builder {
        private ZooKeeperSettings zk = ZooKeeperSettings.defaults();
        private String namespace;
        private URI app;
        private String host = "0.0.0.0";
        private String node;
        private int port;
        private int localPort = -1;
        private String healthPath = "/health";
        private Duration interval = Duration.ofSeconds(5);
        private Duration healthTimeout;
        private int failures = 1;
        private List<String> functions;
        private String configApp;
        private Duration appTimeout = Duration.ofSeconds(30);
        private Duration gracePeriod = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * Every ZooKeeper setting at once (connect string or Curator client, root, cluster,
         * timeouts); the other ZooKeeper methods of this builder change the same settings.
         */
        public Builder zookeeper(ZooKeeperSettings settings) {
            this.zk = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The ZooKeeper connect string (required). */
        public Builder zookeeper(String connectString) {
            this.zk = zk.withConnectString(connectString);
            return this;
        }

        /** The registry root (default {@code /slacker/cluster}). */
        public Builder root(String root) {
            this.zk = zk.withRoot(root);
            return this;
        }

        /** The cluster name (required). */
        public Builder cluster(String name) {
            this.zk = zk.withCluster(name);
            return this;
        }

        /** The namespace the app's functions are exposed under (required). */
        public Builder namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        /** The app's base URL, e.g. {@code http://127.0.0.1:5000} (required). */
        public Builder app(URI base) {
            this.app = base;
            return this;
        }

        /** The interface the slacker server binds (default all). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The host clients use to reach the sidecar (default: the address that reaches ZooKeeper). */
        public Builder node(String host) {
            this.node = host;
            return this;
        }

        /** The slacker server's port (0: any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The local API's port on 127.0.0.1 (0: any free port; -1, the default: no local API). */
        public Builder localPort(int port) {
            this.localPort = port;
            return this;
        }

        /** The app's health path (default {@code /health}): healthy while it answers 2xx. */
        public Builder health(String path) {
            this.healthPath = path;
            return this;
        }

        /** Time between health checks (default 5 s). */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /** How long one health check may take before it counts as failed (default: the interval). */
        public Builder healthTimeout(Duration timeout) {
            this.healthTimeout = timeout;
            return this;
        }

        /** Failed checks in a row that take the namespace offline (default 1). */
        public Builder failures(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("failures must be at least 1");
            }
            this.failures = n;
            return this;
        }

        /** The functions to expose (default: asked from {@code GET APP/slacker/functions}). */
        public Builder functions(List<String> names) {
            this.functions = names == null ? null : List.copyOf(names);
            return this;
        }

        /** The config application {@code GET /config/KEY} reads (default: the namespace). */
        public Builder configApp(String app) {
            this.configApp = app;
            return this;
        }

        /** How long one HTTP request to the app may take (default 30 s). */
        public Builder appTimeout(Duration timeout) {
            this.appTimeout = timeout;
            return this;
        }

        /** The ZooKeeper session timeout (default 10 s). */
        public Builder sessionTimeout(Duration timeout) {
            this.zk = zk.withSessionTimeout(timeout);
            return this;
        }

        /** How long to wait for ZooKeeper and the app at start (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            this.zk = zk.withConnectTimeout(timeout);
            return this;
        }

        /** Time between unpublishing and stopping on close (default 1 s). */
        public Builder gracePeriod(Duration period) {
            this.gracePeriod = period;
            return this;
        }

        /**
         * Finds the functions, starts the server and registers it, publishes the app's address,
         * starts health checks and the local API.
         *
         * @throws SlackerException when the app or ZooKeeper cannot be reached or a port is taken;
         *                          nothing stays running then
         */
        public Sidecar start() {
            zk.validate();
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(app, "app");
            Serializer json = Serializers.defaults().get(ContentType.JSON);
            AppClient appClient = new AppClient(app, appTimeout, json);
            Parts p = new Parts();
            ZooKeeperSettings.Connection zkc = null;
            try {
                p.functions = functions != null ? functions
                    : appClient.functions().get(zk.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (p.functions.isEmpty()) {
                    throw new IllegalStateException("no functions to expose");
                }
                zkc = zk.connect();
                CuratorFramework curator = zkc.curator();
                ZooKeeperSettings shared = zk.withCurator(curator);
                SlackerServer.Builder sb = SlackerServer.builder().host(host).port(port)
                    .expose(namespace, remoteFunctions(appClient, p.functions))
                    // the functions only start an asynchronous HTTP request: no worker thread needed
                    .runOnIoThread(namespace);
                p.server = ClusterServer.builder().server(sb).zookeeper(shared).node(node)
                    .serverData(Map.of(Keyword.of("sidecar"), app.toString()))
                    .gracePeriod(gracePeriod).start();
                String httpPath = new ZkPaths(zk.root(), zk.cluster()).cluster() + "/http/" + namespace + "/" + appClient.hostPort();
                Map<Keyword, Object> data = new LinkedHashMap<>();
                data.put(Keyword.of("url"), appClient.base().toString());
                data.put(Keyword.of("server"), p.server.address());
                p.httpNode = new HttpAddressNode(curator, httpPath, Serializers.defaults().get(ContentType.CLJ).serialize(data));
                p.httpNode.publish(zk.connectTimeout().toMillis());
                p.client = ClusterClient.builder().zookeeper(shared).build();
                p.config = ClusterConfig.builder().zookeeper(shared)
                    .app(configApp != null ? configApp : namespace).start();
                if (localPort >= 0) {
                    p.local = LocalApi.start(localPort, p.client, p.config, json);
                }
                Sidecar[] self = new Sidecar[1];
                p.health = new HealthMonitor(appClient, healthPath, interval,
                    healthTimeout != null ? healthTimeout : interval, failures, up -> self[0].healthChanged(up));
                self[0] = new Sidecar(this, zkc, p);
                p.health.start();
                LOG.info("sidecar for {} at {} -> {} ({})", namespace, p.server.address(), app, p.functions);
                return self[0];
            } catch (Exception e) {
                closeQuietly(p, zkc);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                throw new SlackerException("cannot start the sidecar for " + namespace + ": " + c.getMessage(), c);
            }
        }

        private static Map<String, RemoteFunction> remoteFunctions(AppClient app, List<String> names) {
            Map<String, RemoteFunction> m = new LinkedHashMap<>();
            for (String name : names) {
                m.put(name, args -> app.call(name, args));
            }
            return m;
        }

        private static void closeQuietly(Parts p, ZooKeeperSettings.Connection zk) {
            for (AutoCloseable c : new AutoCloseable[] {p.health, p.local, p.httpNode, p.client, p.config, p.server, zk}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.debug("closing after a failed start: {}", e.toString());
                    }
                }
            }
        }
    }
}
