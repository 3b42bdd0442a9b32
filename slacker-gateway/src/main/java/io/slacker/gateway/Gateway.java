package io.slacker.gateway;

import io.slacker.cluster.ZooKeeperSettings;
import io.slacker.gateway.internal.GatewayServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;

/**
 * The HTTP API gateway of a slacker cluster: one HTTP/1.1 entry point that routes each request
 * through the filter chain ({@link GatewayFilter}) to a function of the cluster, an HTTP origin
 * or a static answer. Routes and settings come from ZooKeeper ({@code <root>/<cluster>/gateway})
 * and apply live, or from a fixed {@link GatewayConfig}.
 *
 * <pre>{@code
 * try (Gateway gw = Gateway.builder().zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *         .port(8080).prefix("/api").start()) {
 *     // curl -d '[5]' http://127.0.0.1:8080/api/slacker.example.api/rand-ints
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private final GatewayServer server;

    private Gateway(GatewayServer server) {
        this.server = server;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bound HTTP port. */
    public int port() {
        return server.port();
    }

    /** Requests being processed now. */
    public int inFlight() {
        return server.inFlight();
    }

    /**
     * Graceful stop: stops accepting, answers new requests 503, lets requests in progress finish
     * (up to the {@linkplain Builder#shutdownTimeout shutdown timeout}), then closes everything.
     */
    @Override
    public void close() {
        server.close();
    }

    /** Configures and starts a {@link Gateway}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private String prefix = "";
        private ZooKeeperSettings zk = ZooKeeperSettings.defaults();
        private GatewayConfig config;
        private final List<GatewayFilter> filters = new ArrayList<>();
        private final List<GatewayObserver> observers = new ArrayList<>();
        private final List<GatewayExtension> extensions = new ArrayList<>();
        private boolean serviceLoader = true;
        private int maxBody = 1024 * 1024;
        private int maxInitialLine = 4096;
        private int maxHeaderSize = 8192;
        private Duration callTimeout = Duration.ofSeconds(10);
        private int failover;
        private int ioThreads;
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The address to bind (default 0.0.0.0). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The HTTP port (default 8080; 0 picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The path prefix of the default slacker route, e.g. {@code /api} (default none). */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
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

        /** The ZooKeeper connect string. */
        public Builder zookeeper(String connectString) {
            this.zk = zk.withConnectString(connectString);
            return this;
        }

        /** A started Curator client to use instead (not closed by the gateway). */
        public Builder curator(CuratorFramework client) {
            this.zk = zk.withCurator(client);
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

        /** A fixed configuration (from a file or code) instead of the live one in ZooKeeper. */
        public Builder config(GatewayConfig config) {
            this.config = config;
            return this;
        }

        /** Adds a filter to the chain. */
        public Builder filter(GatewayFilter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Adds an observer told of every answered request (route label, status, duration). */
        public Builder observer(GatewayObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Adds an extension, installed when the gateway starts (in the order added), e.g.
         * {@code GatewayMetrics.prometheus(registry)} or {@code Dashboard.gatewayExtension()}.
         */
        public Builder extension(GatewayExtension extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /** Whether filters registered with {@link java.util.ServiceLoader} are added (default true). */
        public Builder serviceLoaderFilters(boolean on) {
            this.serviceLoader = on;
            return this;
        }

        /** The largest request body; larger ones get 413 (default 1 MiB). */
        public Builder maxBodySize(int bytes) {
            this.maxBody = bytes;
            return this;
        }

        /** The longest request line; longer ones get 414 (default 4096). */
        public Builder maxUriLength(int bytes) {
            this.maxInitialLine = bytes;
            return this;
        }

        /** The largest header block; larger ones get 431 (default 8192). */
        public Builder maxHeaderSize(int bytes) {
            this.maxHeaderSize = bytes;
            return this;
        }

        /** The timeout of calls and forwards; past it the answer is 504 (default 10 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** Retries on another server when a call could not reach its server (default 0). */
        public Builder failover(int retries) {
            this.failover = retries;
            return this;
        }

        /** Netty I/O threads (default: Netty's, 2 x cores). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /** How long a graceful stop waits for requests in progress (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** Connects to ZooKeeper, binds the port and starts serving. */
        public Gateway start() {
            zk.validate();
            return new Gateway(new GatewayServer(new GatewayServer.Settings(host, port, prefix, zk, config, List.copyOf(filters),
                List.copyOf(observers), List.copyOf(extensions), serviceLoader, maxBody, maxInitialLine, maxHeaderSize,
                callTimeout, failover, ioThreads, shutdownTimeout)));
        }
    }
}
