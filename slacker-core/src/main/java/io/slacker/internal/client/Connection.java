package io.slacker.internal.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.slacker.ConnectionBrokenException;
import io.slacker.internal.Transport;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameDecoder;
import io.slacker.internal.protocol.FrameEncoder;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection of a client, made on first use and made again after it is lost.
 *
 * <p>Reconnect policy: a call finding no live connection starts a connect attempt (or joins the
 * one under way) and waits for it within its own timeout. The first attempt after a lost
 * connection starts at once. A failed attempt fails the calls waiting for it with
 * {@link ConnectionBrokenException} and starts a backoff (doubling from the minimum up to the
 * maximum); calls during the backoff fail at once with {@link ConnectionBrokenException}, and the
 * first call after it tries again. A successful connect resets the backoff.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Clojure slacker releases with server-hello are 0.17 and later; this library is 0.1.x. */
    private static final Pattern CLOJURE_SLACKER_VERSION = Pattern.compile("0\\.(\\d+)\\..*");
    private static final int CLOJURE_SLACKER_MIN_MINOR = 13;

    private final ClientConfig config;
    private final EventLoopGroup group;
    private final PendingCalls pending;
    private volatile Channel channel;
    /** The batching writer of {@link #channel}; set and cleared with it. */
    private volatile RequestWriter writer;
    private CompletableFuture<Channel> connecting;
    private int failures;
    private boolean everConnected;
    private long nextAttemptNanos;
    private Throwable lastError;
    private volatile boolean closed;
    private volatile String serverVersion;

    Connection(ClientConfig config, EventLoopGroup group, PendingCalls pending) {
        this.config = config;
        this.group = group;
        this.pending = pending;
    }

    String address() {
        return config.address();
    }

    /** The version string of the last server hello, or null. */
    String serverVersion() {
        return serverVersion;
    }

    void serverHello(String version) {
        serverVersion = version;
    }

    /**
     * Whether a server-hello version names a Clojure slacker (0.13 and later), which closes the
     * connection on a request for an unknown function instead of answering not-found.
     */
    static boolean isClojureSlacker(String helloVersion) {
        if (helloVersion == null || helloVersion.equals(io.slacker.Version.get())) {
            return false;
        }
        Matcher m = CLOJURE_SLACKER_VERSION.matcher(helloVersion);
        return m.matches() && m.group(1).length() < 6 && Integer.parseInt(m.group(1)) >= CLOJURE_SLACKER_MIN_MINOR;
    }

    /** The live channel if there is one, else null (does not connect; lock-free). */
    Channel current() {
        Channel ch = channel;
        return ch != null && ch.isActive() ? ch : null;
    }

    /** The writer of the live channel if there is one, else null (does not connect; lock-free). */
    RequestWriter writer() {
        RequestWriter w = writer;
        return w != null && w.channel().isActive() ? w : null;
    }

    /** The writer of {@code ch} while it is this connection's channel, else null. */
    RequestWriter writerFor(Channel ch) {
        RequestWriter w = writer;
        return w != null && w.channel() == ch ? w : null;
    }

    /** The live channel, connecting first if needed; fails with {@link ConnectionBrokenException}. */
    synchronized CompletableFuture<Channel> acquire() {
        if (closed) {
            return CompletableFuture.failedFuture(new ConnectionBrokenException("client for " + address() + " is closed"));
        }
        if (channel != null && channel.isActive()) {
            return CompletableFuture.completedFuture(channel);
        }
        if (connecting != null) {
            return connecting;
        }
        long wait = nextAttemptNanos - System.nanoTime();
        if (failures > 0 && wait > 0) {
            return CompletableFuture.failedFuture(new ConnectionBrokenException("cannot connect to " + address()
                + " (" + failures + " failed attempt(s); next attempt in " + (wait / 1_000_000 + 1) + " ms): " + lastError,
                lastError));
        }
        connecting = new CompletableFuture<>();
        CompletableFuture<Channel> result = connecting;
        connect(result);
        return result;
    }

    private void connect(CompletableFuture<Channel> result) {
        Bootstrap b = new Bootstrap().group(group).channel(Transport.socketChannel(group))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (config.sslContext() != null) {
                        ch.pipeline().addLast("tls", config.sslContext().newHandler(ch.alloc(), config.host(), config.port()));
                    }
                    // pongs written while reading flush once per read burst; the RequestWriter flushes each batch itself
                    ch.pipeline().addLast("flush", new FlushConsolidationHandler(256, false));
                    ch.pipeline().addLast("decoder", new FrameDecoder(config.maxBody()));
                    ch.pipeline().addLast("encoder", FrameEncoder.INSTANCE);
                    ch.pipeline().addLast("client", new ClientHandler(pending, Connection.this, config.pingInterval(),
                        config.protocolVersion()));
                }
            });
        ChannelFuture cf;
        try {
            cf = b.connect(config.host(), config.port());
        } catch (RuntimeException e) {
            connectFailed(result, e);
            return;
        }
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                connectFailed(result, f.cause());
                return;
            }
            Channel ch = cf.channel();
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls == null) {
                connected(result, ch);
            } else {
                tls.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        connected(result, ch);
                    } else {
                        ch.close();
                        connectFailed(result, h.cause());
                    }
                });
            }
        });
    }

    private void connected(CompletableFuture<Channel> result, Channel ch) {
        boolean reconnect;
        synchronized (this) {
            connecting = null;
            if (closed) {
                ch.close();
                result.completeExceptionally(new ConnectionBrokenException("client for " + address() + " is closed"));
                return;
            }
            writer = new RequestWriter(ch, pending, address());
            channel = ch;
            failures = 0;
            lastError = null;
            reconnect = everConnected;
            everConnected = true;
        }
        notify(() -> config.connectionObserver().connected(address(), reconnect));
        ch.closeFuture().addListener(f -> lost(ch));
        // the hello goes out before any request (this runs before the waiting calls write)
        if (config.protocolVersion() >= Frame.V6) {
            ch.writeAndFlush(new Frame.ClientHello(Frame.V6, 0, config.clientVersion(), config.clientName()));
        }
        LOG.debug("connected to {}", address());
        result.complete(ch);
    }

    private void connectFailed(CompletableFuture<Channel> result, Throwable cause) {
        long backoff;
        synchronized (this) {
            connecting = null;
            failures++;
            lastError = cause;
            long min = config.reconnectBackoffMin().toNanos();
            long max = config.reconnectBackoffMax().toNanos();
            backoff = Math.min(max, min << Math.min(20, failures - 1));
            nextAttemptNanos = System.nanoTime() + backoff;
        }
        LOG.debug("cannot connect to {}: {}; next attempt not before {} ms", address(), cause.toString(), backoff / 1_000_000);
        result.completeExceptionally(new ConnectionBrokenException("cannot connect to " + address() + ": " + cause, cause));
    }

    /** Stops handing out this channel (it is about to be closed): the next call connects anew. */
    synchronized void discard(Channel ch) {
        if (channel == ch) {
            channel = null;
            writer = null;
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void lost(Channel ch) {
        synchronized (this) {
            if (channel == ch) {
                channel = null;
                writer = null;
            }
        }
        LOG.debug("connection to {} closed", address());
        notify(() -> config.connectionObserver().disconnected(address()));
        String version = serverVersion;
        String why = isClojureSlacker(version)
            ? ": the server closed the connection; a Clojure slacker server does that for an unknown function"
                + " (server version " + version + ")"
            : "";
        pending.failAll(ch, () -> new ConnectionBrokenException("connection to " + address() + " lost" + why));
    }

    private static void notify(Runnable observation) {
        try {
            observation.run();
        } catch (RuntimeException e) {
            LOG.warn("connection observer failed", e);
        }
    }

    /** Closes the connection for good. */
    void close() {
        Channel ch;
        synchronized (this) {
            closed = true;
            ch = channel;
            channel = null;
            writer = null;
        }
        if (ch != null) {
            ChannelFuture f = ch.close();
            if (!ch.eventLoop().inEventLoop()) {
                f.awaitUninterruptibly(2000);
            }
        }
    }
}
