package io.slacker;

import io.slacker.internal.server.HttpGet;

import io.netty.handler.ssl.SslContext;
import io.slacker.data.Keyword;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.server.FunctionRegistry;
import io.slacker.internal.server.ServerConfig;
import io.slacker.internal.server.ServerRuntime;
import io.slacker.spi.Interceptor;
import io.slacker.spi.NotFoundHandler;
import io.slacker.spi.RemoteFunction;
import io.slacker.spi.Serializers;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slacker.Version;
import io.slacker.spi.ServerObserver;
import io.slacker.internal.protocol.FrameDecoder;
import io.slacker.internal.protocol.FrameEncoder;
import io.slacker.internal.protocol.InvalidFrameHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A slacker server: exposes Java interfaces and dynamic functions as slacker namespaces over
 * TCP (protocol v5 and v6) and optionally HTTP. Clojure slacker clients call it unchanged.
 *
 * <pre>{@code
 * SlackerServer server = SlackerServer.builder()
 *     .port(2104)
 *     .expose(ExampleApi.class, new ExampleApiImpl())
 *     .expose("slacker.example.api2", Map.of("echo2", args -> args.get(0)))
 *     .start();
 * }</pre>
 *
 * <p>{@link #close()} stops gracefully: no new connections or calls, in-flight calls finish
 * (up to the shutdown timeout), then everything closes. TCP and HTTP calls share one call
 * lifecycle: both count in {@link #inFlight()}, both are waited for, both obey
 * {@link Builder#maxFrameBody}.
 */
public final class SlackerServer implements AutoCloseable {
    private final ServerRuntime runtime;

    private SlackerServer(ServerRuntime runtime) {
        this.runtime = runtime;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port the server listens on (the actual one when port 0 was asked). */
    public int port() {
        return runtime.port();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return runtime.httpPort();
    }

    /** The namespaces this server exposes. */
    public List<String> namespaces() {
        return runtime.config().registry().namespaces();
    }

    /**
     * Every exposed function ({@code "ns/fn"}, in exposure order) with the metadata inspect
     * {@code :meta} answers for it: {@code {:name f, :doc "...", :arglists ([x])}}, or an empty
     * map for dynamic functions.
     */
    public Map<String, Map<Keyword, Object>> functionMeta() {
        return runtime.functionMeta();
    }

    /** The clients connected right now. */
    public Collection<ConnectedClient> clients() {
        return runtime.connectedClients();
    }

    /** Calls accepted and not finished yet (also those whose client went away), over every transport. */
    public int inFlight() {
        return runtime.gate().inFlight();
    }

    /** Open connections (TCP and HTTP) counted against {@link Builder#maxConnections}. */
    public int connectionCount() {
        return runtime.connectionCount();
    }

    /** Bytes held right now in frames (and HTTP requests) not yet complete, all connections together. */
    public long inboundBufferedBytes() {
        return runtime.inboundBufferedBytes();
    }

    /** Stops gracefully, waiting up to the builder's shutdown timeout for in-flight calls. */
    @Override
    public void close() {
        stop(runtime.config().shutdownTimeout());
    }

    /**
     * Stops: no new connections or calls (TCP and HTTP); calls in flight may finish within
     * {@code timeout}; then every connection is closed and every thread stopped. Idempotent.
     */
    public void stop(Duration timeout) {
        runtime.stop(timeout);
    }

    /** Configures and starts a {@link SlackerServer}. */
    public static final class Builder {
        private FunctionRegistry.Builder registry = new FunctionRegistry.Builder();
        private final Map<String, ExecutorService> executors = new LinkedHashMap<>();
        private final Map<String, ServerConfig.PoolSize> ownedPools = new LinkedHashMap<>();
        private final Set<String> onIoThread = new LinkedHashSet<>();
        private final List<Interceptor> interceptors = new ArrayList<>();
        private final Map<String, HttpGet> httpGets = new LinkedHashMap<>();
        private ServerObserver observer = ServerObserver.NONE;
        private String host = "0.0.0.0";
        private int port = 2104;
        private int httpPort = -1;
        private int threads = 10;
        private int queueSize = 3000;
        private int ioThreads = 0;
        private int maxFrameBody = FrameCodec.DEFAULT_MAX_BODY;
        private int writeBufferHigh = 4 * 1024 * 1024;
        private Serializers serializers = Serializers.defaults();
        private String version = Version.get();
        private boolean sendStackTraces;
        private SslContext sslContext;
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Duration frameReadTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration ioPoll = Duration.ZERO;
        private int maxConnections = 10_000;
        private long inboundBudget = 256L * 1024 * 1024;

        private Builder() {
        }

        /** The address to bind (default {@code 0.0.0.0}). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The TCP port (default 2104; 0 picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Also serve the HTTP transport on this port (0 picks a free one). */
        public Builder http(int port) {
            this.httpPort = port;
            return this;
        }

        /** Exposes every method of {@code iface} in its namespace ({@code @Namespace} or its name). */
        public <T> Builder expose(Class<T> iface, T impl) {
            registry.expose(iface, impl);
            return this;
        }

        /** Exposes every method of {@code iface} in the given namespace. */
        public <T> Builder expose(String namespace, Class<T> iface, T impl) {
            registry.expose(namespace, iface, impl);
            return this;
        }

        /** Exposes dynamic functions by name in a namespace. */
        public Builder expose(String namespace, Map<String, ? extends RemoteFunction> functions) {
            registry.expose(namespace, functions);
            return this;
        }

        /** Answers calls of unknown functions in a namespace (slacker's {@code -slacker-function-not-found}). */
        public Builder notFoundHandler(String namespace, NotFoundHandler handler) {
            registry.notFoundHandler(namespace, handler);
            return this;
        }

        /** Worker threads of the default pool (default 10). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Queue length of the default pool (default 3000); beyond it calls get thread-pool-full. */
        public Builder queueSize(int queueSize) {
            this.queueSize = queueSize;
            return this;
        }

        /** Runs a namespace's calls on this executor (not shut down by the server). */
        public Builder executor(String namespace, ExecutorService executor) {
            executors.put(namespace, executor);
            return this;
        }

        /** Runs a namespace's calls on a pool of its own, owned by the server. */
        public Builder executor(String namespace, int threads, int queueSize) {
            ownedPools.put(namespace, new ServerConfig.PoolSize(threads, queueSize));
            return this;
        }

        /**
         * Runs a namespace's calls right on the connection's I/O thread, without the hop to a
         * worker: the lowest latency, for functions that never block (no I/O, no locks, no
         * sleeping). A blocking function there stalls every connection of that I/O thread.
         */
        public Builder runOnIoThread(String namespace) {
            onIoThread.add(namespace);
            return this;
        }

        /** Adds an interceptor; several run in order (pre/before) and in reverse (after/post). */
        public Builder interceptor(Interceptor interceptor) {
            interceptors.add(interceptor);
            return this;
        }

        /**
         * Reports calls, connections, bytes and gauges to this observer (default: none). Metrics
         * libraries bind through it, e.g. {@code SlackerMetrics.bind(builder, registry)} of
         * {@code slacker-micrometer}.
         */
        public Builder observer(ServerObserver observer) {
            this.observer = java.util.Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Answers {@code GET path} on the HTTP transport with {@code body.get()} (e.g. a Prometheus
         * scrape at {@code /metrics}); other methods and paths are calls as before.
         */
        public Builder httpGet(String path, String contentType, java.util.function.Supplier<String> body) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            httpGets.put(path, new HttpGet(contentType, java.util.Objects.requireNonNull(body, "body")));
            return this;
        }

        /** The serializers (default: every built-in content type). */
        public Builder serializers(Serializers serializers) {
            this.serializers = serializers;
            return this;
        }

        /** The version string in server-hello and inspect answers (default: this library's). */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * Sends exceptions as {@code {:msg ..., :stacktrace (...)}} instead of their string
         * (slacker's {@code *debug*}; here every content type can carry it).
         */
        public Builder sendStackTraces(boolean on) {
            this.sendStackTraces = on;
            return this;
        }

        /** Serves TLS with this server-side context. */
        public Builder sslContext(SslContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** The largest request body accepted, a TCP frame body or an HTTP body (default 16 MiB). */
        public Builder maxFrameBody(int bytes) {
            this.maxFrameBody = bytes;
            return this;
        }

        /** I/O threads (default: Netty's, twice the cores). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /**
         * How long an I/O thread that has run out of work keeps polling for more before it goes to
         * sleep (default 0: it sleeps at once). Off by default: it trades CPU for latency. With
         * about 100 us, a client that calls again as soon as its answer arrives finds the thread
         * awake and skips the wake-up of a sleeping thread: the median round trip of one
         * blocking caller fell from ~85 to ~45 us on a 2-core VM. An idle server does not poll
         * (polling only follows work), and polls that keep finding nothing back off; the cost is
         * up to this much CPU per burst of work. At most 10 ms.
         */
        public Builder ioPoll(Duration poll) {
            if (poll == null || poll.isNegative() || poll.compareTo(Duration.ofMillis(10)) > 0) {
                throw new IllegalArgumentException("ioPoll must be between 0 and 10 ms, got " + poll);
            }
            this.ioPoll = poll;
            return this;
        }

        /** Outbound bytes per connection beyond which the server stops reading from it (default 4 MiB). */
        public Builder writeBufferLimit(int bytes) {
            this.writeBufferHigh = bytes;
            return this;
        }

        /** How long {@link SlackerServer#close()} waits for in-flight calls (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * How long a client may take to send a frame (or HTTP request) once it began it (default
         * 30 s); then it gets an error answer and the connection is closed.
         */
        public Builder frameReadTimeout(Duration timeout) {
            this.frameReadTimeout = positive(timeout, "frameReadTimeout");
            return this;
        }

        /**
         * How long a connection may stay without receiving anything before it is closed (default
         * 5 minutes: well above the clients' default ping interval of 60 s, so healthy idle clients
         * stay connected).
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * The most connections open at once, TCP and HTTP together (default 10,000); a connection
         * beyond it is closed at once and a WARN line (at most one per 10 s) says so.
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be positive: " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * The bytes all connections together may hold in frames (and HTTP requests) not yet
         * complete (default 256 MiB); the connection whose bytes exceed it gets an error answer and
         * is closed.
         */
        public Builder inboundBufferBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("inboundBufferBudget must be positive: " + bytes);
            }
            this.inboundBudget = bytes;
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        /**
         * A builder with the same settings and exposures, to extend without changing this one
         * (e.g. a cluster server adding its manager namespace).
         */
        public Builder copy() {
            Builder b = new Builder();
            b.registry = registry.copy();
            b.executors.putAll(executors);
            b.ownedPools.putAll(ownedPools);
            b.onIoThread.addAll(onIoThread);
            b.interceptors.addAll(interceptors);
            b.host = host;
            b.port = port;
            b.httpPort = httpPort;
            b.threads = threads;
            b.queueSize = queueSize;
            b.ioThreads = ioThreads;
            b.maxFrameBody = maxFrameBody;
            b.writeBufferHigh = writeBufferHigh;
            b.serializers = serializers;
            b.version = version;
            b.sendStackTraces = sendStackTraces;
            b.sslContext = sslContext;
            b.shutdownTimeout = shutdownTimeout;
            b.httpGets.putAll(httpGets);
            b.observer = observer;
            b.frameReadTimeout = frameReadTimeout;
            b.idleTimeout = idleTimeout;
            b.maxConnections = maxConnections;
            b.inboundBudget = inboundBudget;
            b.ioPoll = ioPoll;
            return b;
        }

        /**
         * Binds and starts the server. The server runs on a snapshot of these settings: changing
         * the builder afterwards does not affect it, and the builder may start further servers.
         *
         * @throws io.slacker.SlackerException when the port cannot be bound
         */
        public SlackerServer start() {
            io.slacker.internal.NettyVersionCheck.require();
            ServerConfig config = new ServerConfig(registry.build(), executors, ownedPools, onIoThread,
                Interceptor.chain(interceptors), observer, httpGets, host, port, httpPort, threads, queueSize, ioThreads, maxFrameBody,
                writeBufferHigh, serializers, version, sendStackTraces, sslContext, shutdownTimeout, frameReadTimeout, idleTimeout,
                maxConnections, inboundBudget, ioPoll);
            try {
                return new SlackerServer(new ServerRuntime(config));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.slacker.SlackerException("interrupted while starting", e);
            } catch (io.slacker.SlackerException e) {
                throw e;
            } catch (Exception e) {
                // Netty rethrows bind failures (checked) from sync()
                throw new io.slacker.SlackerException("cannot start the server on " + host + ":" + port + ": " + e, e);
            }
        }
    }
}
