package io.slacker.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slacker.Version;
import io.slacker.interceptor.Interceptor;
import io.slacker.interceptor.ServerObserver;
import io.slacker.protocol.FrameCodec;
import io.slacker.protocol.FrameDecoder;
import io.slacker.protocol.FrameEncoder;
import io.slacker.protocol.InvalidFrameHandler;
import io.slacker.serialization.Serializers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * (up to the shutdown timeout), then everything closes.
 */
public final class SlackerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackerServer.class);

    private final Builder config;
    private final FunctionRegistry registry;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup ioGroup;
    private final List<WorkerPool> ownedPools = new ArrayList<>();
    private final ChannelGroup channels = new DefaultChannelGroup("slacker", GlobalEventExecutor.INSTANCE);
    private final Context context;
    private final InboundLimits limits;
    private final Channel serverChannel;
    private final Channel httpChannel;
    private volatile boolean closed;

    private SlackerServer(Builder b) throws InterruptedException {
        this.config = b;
        this.registry = b.registry.build();
        WorkerPool defaultPool = new WorkerPool(b.threads, b.queueSize, "slacker-worker");
        ownedPools.add(defaultPool);
        Map<String, CallExecutor> executors = new LinkedHashMap<>();
        b.executors.forEach((ns, e) -> executors.put(ns, e::submit));
        for (String ns : b.onIoThread) {
            executors.put(ns, task -> {
                java.util.concurrent.FutureTask<Void> f = new java.util.concurrent.FutureTask<>(task, null);
                f.run();
                return f;
            });
        }
        b.ownedPools.forEach((ns, size) -> {
            WorkerPool p = new WorkerPool(size[0], size[1], "slacker-" + ns);
            ownedPools.add(p);
            executors.put(ns, p);
        });
        RequestProcessor processor = new RequestProcessor(registry, b.serializers, Interceptor.chain(b.interceptors),
            defaultPool, Map.copyOf(executors), b.sendStackTraces, b.observer);
        Inspector inspector = new Inspector(registry, b.serializers, b.version, Instant.now());
        this.context = new Context(processor, inspector, b.version);
        this.limits = new InboundLimits(b.maxConnections, b.frameReadTimeout, b.idleTimeout, b.inboundBudget);
        this.bossGroup = Transport.group(1, "slacker-accept");
        this.ioGroup = Transport.group(b.ioThreads, "slacker-io");
        boolean started = false;
        try {
            this.serverChannel = bindTcp(b);
            this.httpChannel = b.httpPort >= 0 ? HttpTransport.bind(this, b.host, b.httpPort, bossGroup, ioGroup) : null;
            started = true;
        } finally {
            if (!started) {
                shutdownResources();
            }
        }
        b.observer.started(new LiveStats(context, ownedPools));
        LOG.info("slacker server on {} ({} namespaces)", serverChannel.localAddress(), registry.namespaces().size());
    }

    private Channel bindTcp(Builder b) throws InterruptedException {
        SslContext ssl = b.sslContext;
        ServerBootstrap boot = new ServerBootstrap().group(bossGroup, ioGroup).channel(Transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(b.writeBufferHigh / 2, b.writeBufferHigh))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (closed || !limits.admit(ch)) {
                        ch.close();
                        return;
                    }
                    channels.add(ch);
                    ChannelPipeline p = ch.pipeline();
                    p.addLast("idle", idleHandler());
                    if (b.observer != ServerObserver.NONE) {
                        p.addLast("observer", new ByteCounter(b.observer));
                    }
                    if (ssl != null) {
                        p.addLast("tls", ssl.newHandler(ch.alloc()));
                    }
                    // one flush (one syscall) per read burst or per batch of answers, not per frame
                    p.addLast("flush", new FlushConsolidationHandler(256, true));
                    p.addLast("decoder", new FrameDecoder(b.maxFrameBody));
                    p.addLast("encoder", FrameEncoder.INSTANCE);
                    p.addLast("guard", InboundGuard.tcp(limits));
                    p.addLast("invalid", InvalidFrameHandler.INSTANCE);
                    p.addLast("slacker", new ServerHandler(context));
                }
            });
        Channel ch = boot.bind(b.host, b.port).sync().channel();
        channels.add(ch);
        return ch;
    }

    /** Closes a connection that received nothing within the idle timeout (the guard acts on the event). */
    IdleStateHandler idleHandler() {
        return new IdleStateHandler(limits.idleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
    }

    InboundLimits limits() {
        return limits;
    }

    int maxFrameBody() {
        return config.maxFrameBody;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port the server listens on (the actual one when port 0 was asked). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return httpChannel == null ? -1 : ((InetSocketAddress) httpChannel.localAddress()).getPort();
    }

    /** The namespaces this server exposes. */
    public List<String> namespaces() {
        return registry.namespaces();
    }

    /**
     * Every exposed function ({@code "ns/fn"}, in exposure order) with the metadata inspect
     * {@code :meta} answers for it: {@code {:name f, :doc "...", :arglists ([x])}}, or an empty
     * map for dynamic functions. The cluster publishes it in its function nodes.
     */
    public Map<String, Map<io.slacker.data.Keyword, Object>> functionMeta() {
        Map<String, Map<io.slacker.data.Keyword, Object>> out = new LinkedHashMap<>();
        for (ExposedFunction f : registry.all()) {
            out.put(f.fullName(), f.meta());
        }
        return out;
    }

    /** The clients connected right now. */
    public Collection<ConnectedClient> clients() {
        return List.copyOf(context.clients.values());
    }

    /** Open connections (TCP and HTTP) counted against {@link Builder#maxConnections}. */
    public int connectionCount() {
        return limits.connections();
    }

    /** Bytes held right now in frames (and HTTP requests) not yet complete, all connections together. */
    public long inboundBufferedBytes() {
        return limits.held();
    }

    /** Calls accepted and not finished yet (also those whose client went away). */
    public int inFlight() {
        return context.inFlight.get();
    }

    RequestProcessor processor() {
        return context.processor;
    }

    boolean closing() {
        return closed;
    }

    /** Stops gracefully, waiting up to the builder's shutdown timeout for in-flight calls. */
    @Override
    public void close() {
        stop(config.shutdownTimeout);
    }

    /**
     * Stops: no new connections or calls; calls in flight may finish within {@code timeout};
     * then every connection is closed and every thread stopped.
     */
    public void stop(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().syncUninterruptibly();
        if (httpChannel != null) {
            httpChannel.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (context.inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (context.inFlight.get() > 0) {
            LOG.warn("closing with {} call(s) still running", context.inFlight.get());
        }
        channels.close().syncUninterruptibly();
        shutdownResources();
    }

    private void shutdownResources() {
        for (WorkerPool p : ownedPools) {
            p.shutdownNow();
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    ChannelGroup channels() {
        return channels;
    }

    Serializers serializers() {
        return config.serializers;
    }

    Map<String, HttpGet> httpGets() {
        return config.httpGets;
    }

    private final class Context implements ServerContext {
        final RequestProcessor processor;
        final Inspector inspector;
        final String version;
        final Map<Channel, ConnectedClient> clients = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();

        Context(RequestProcessor processor, Inspector inspector, String version) {
            this.processor = processor;
            this.inspector = inspector;
            this.version = version;
        }

        @Override
        public RequestProcessor processor() {
            return processor;
        }

        @Override
        public Inspector inspector() {
            return inspector;
        }

        @Override
        public Map<Channel, ConnectedClient> clients() {
            return clients;
        }

        @Override
        public AtomicInteger inFlight() {
            return inFlight;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public boolean closing() {
            return closed;
        }
    }

    /** Configures and starts a {@link SlackerServer}. */
    public static final class Builder {
        private final FunctionRegistry.Builder registry = new FunctionRegistry.Builder();
        private final Map<String, ExecutorService> executors = new LinkedHashMap<>();
        private final Map<String, int[]> ownedPools = new LinkedHashMap<>();
        private final java.util.Set<String> onIoThread = new java.util.LinkedHashSet<>();
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
            ownedPools.put(namespace, new int[] {threads, queueSize});
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

        /** The largest frame body accepted (default 16 MiB). */
        public Builder maxFrameBody(int bytes) {
            this.maxFrameBody = bytes;
            return this;
        }

        /** I/O threads (default: Netty's, twice the cores). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
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
         * Binds and starts the server.
         *
         * @throws io.slacker.SlackerException when the port cannot be bound
         */
        public SlackerServer start() {
            io.slacker.internal.NettyVersionCheck.require();
            try {
                return new SlackerServer(this);
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
