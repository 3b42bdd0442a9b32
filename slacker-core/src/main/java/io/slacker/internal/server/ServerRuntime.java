package io.slacker.internal.server;

import io.slacker.internal.PollBeforeSleep;
import io.slacker.internal.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slacker.ConnectedClient;
import io.slacker.data.Keyword;
import io.slacker.spi.ServerObserver;
import io.slacker.internal.protocol.FrameDecoder;
import io.slacker.internal.protocol.FrameEncoder;
import io.slacker.internal.protocol.InvalidFrameHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: its sockets (TCP, optionally HTTP), threads and call lifecycle, built from
 * a {@link ServerConfig} snapshot. {@link io.slacker.SlackerServer} is its public face.
 */
public final class ServerRuntime implements ServerContext {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

    private final ServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup ioGroup;
    private final List<WorkerPool> ownedPools = new ArrayList<>();
    private final ChannelGroup channels = new DefaultChannelGroup("slacker", GlobalEventExecutor.INSTANCE);
    private final Map<Channel, ConnectedClient> clients = new ConcurrentHashMap<>();
    private final CallGate gate = new CallGate();
    private final InboundLimits limits;
    private final RequestProcessor processor;
    private final Inspector inspector;
    private final Channel serverChannel;
    private final Channel httpChannel;
    private volatile boolean stopped;

    /** Binds and starts; on failure nothing stays running. */
    public ServerRuntime(ServerConfig config) throws InterruptedException {
        this.config = config;
        this.limits = new InboundLimits(config.maxConnections(), config.frameReadTimeout(), config.idleTimeout(),
            config.inboundBudget());
        WorkerPool defaultPool = new WorkerPool(config.threads(), config.queueSize(), "slacker-worker");
        ownedPools.add(defaultPool);
        Map<String, CallExecutor> executors = new LinkedHashMap<>();
        config.executors().forEach((ns, e) -> executors.put(ns, e::execute));
        for (String ns : config.onIoThread()) {
            executors.put(ns, Runnable::run);
        }
        config.ownedPools().forEach((ns, size) -> {
            WorkerPool p = new WorkerPool(size.threads(), size.queueSize(), "slacker-" + ns);
            ownedPools.add(p);
            executors.put(ns, p);
        });
        this.processor = new RequestProcessor(config.registry(), config.serializers(), config.interceptor(), defaultPool,
            Map.copyOf(executors), config.sendStackTraces(), config.observer());
        this.inspector = new Inspector(config.registry(), config.serializers(), config.version(), Instant.now());
        this.bossGroup = Transport.group(1, "slacker-accept");
        long poll = config.ioPoll().toNanos();
        this.ioGroup = Transport.group(config.ioThreads(), "slacker-io",
            poll > 0 ? PollBeforeSleep.factory(poll) : DefaultSelectStrategyFactory.INSTANCE);
        boolean started = false;
        try {
            this.serverChannel = bindTcp();
            this.httpChannel = config.httpPort() >= 0 ? HttpTransport.bind(this, bossGroup, ioGroup) : null;
            started = true;
        } finally {
            if (!started) {
                shutdownResources();
            }
        }
        config.observer().started(new LiveStats(this, ownedPools));
        LOG.info("slacker server on {} ({} namespaces)", serverChannel.localAddress(), config.registry().namespaces().size());
    }

    private Channel bindTcp() throws InterruptedException {
        SslContext ssl = config.sslContext();
        int high = config.writeBufferHigh();
        ServerBootstrap boot = new ServerBootstrap().group(bossGroup, ioGroup).channel(Transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (!accept(ch)) {
                        return;
                    }
                    ChannelPipeline p = ch.pipeline();
                    p.addLast("idle", idleHandler());
                    if (config.observer() != ServerObserver.NONE) {
                        p.addLast("observer", new ByteCounter(config.observer()));
                    }
                    if (ssl != null) {
                        p.addLast("tls", ssl.newHandler(ch.alloc()));
                    }
                    // frames written while reading (pongs, errors) flush once per read burst; the
                    // Outbox flushes each batch of answers itself, at once (no extra flush task)
                    p.addLast("flush", new FlushConsolidationHandler(256, false));
                    p.addLast("decoder", new FrameDecoder(config.maxFrameBody()));
                    p.addLast("encoder", FrameEncoder.INSTANCE);
                    p.addLast("guard", InboundGuard.tcp(limits));
                    p.addLast("invalid", InvalidFrameHandler.INSTANCE);
                    p.addLast("slacker", new ServerHandler(ServerRuntime.this));
                }
            });
        Channel ch = boot.bind(config.host(), config.port()).sync().channel();
        listening(ch);
        return ch;
    }

    /**
     * Registers a new connection of any transport, or closes it when the server is stopping or
     * has its {@linkplain InboundLimits#admit most connections} already.
     */
    boolean accept(Channel ch) {
        if (gate.closing() || !limits.admit(ch)) {
            ch.close();
            return false;
        }
        channels.add(ch);
        return true;
    }

    /** Registers a listening socket (closed on stop, not counted as a connection). */
    void listening(Channel ch) {
        channels.add(ch);
    }

    /** Closes a connection that received nothing within the idle timeout (the guard acts on the event). */
    IdleStateHandler idleHandler() {
        return new IdleStateHandler(limits.idleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
    }

    /** The connection and inbound-buffer limits. */
    InboundLimits limits() {
        return limits;
    }

    /** Open connections (TCP and HTTP). */
    public int connectionCount() {
        return limits.connections();
    }

    /** Bytes held in incomplete frames and HTTP requests, all connections together. */
    public long inboundBufferedBytes() {
        return limits.held();
    }

    /** The plain GET endpoints of the HTTP transport, by path. */
    Map<String, HttpGet> httpGets() {
        return config.httpGets();
    }

    /** The settings. */
    public ServerConfig config() {
        return config;
    }

    /** The TCP port bound. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The HTTP port bound, or -1. */
    public int httpPort() {
        return httpChannel == null ? -1 : ((InetSocketAddress) httpChannel.localAddress()).getPort();
    }

    /** Every exposed function ({@code "ns/fn"}, exposure order) with its inspect metadata. */
    public Map<String, Map<Keyword, Object>> functionMeta() {
        Map<String, Map<Keyword, Object>> out = new LinkedHashMap<>();
        for (ExposedFunction f : config.registry().all()) {
            out.put(f.fullName(), f.meta());
        }
        return out;
    }

    /** The connected clients. */
    public Collection<ConnectedClient> connectedClients() {
        return List.copyOf(clients.values());
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
    public CallGate gate() {
        return gate;
    }

    @Override
    public String version() {
        return config.version();
    }

    /**
     * Stops: no new connections or calls; calls in flight (every transport) may finish within
     * {@code timeout}; then every connection is closed and every thread stopped. Idempotent.
     */
    public void stop(Duration timeout) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        serverChannel.close().syncUninterruptibly();
        if (httpChannel != null) {
            httpChannel.close().syncUninterruptibly();
        }
        if (!gate.close(timeout)) {
            LOG.warn("closing with {} call(s) still running", gate.inFlight());
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
}
