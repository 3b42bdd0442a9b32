package io.slacker.internal.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.slacker.ConnectionBrokenException;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.InvalidFrame;
import io.slacker.internal.protocol.MalformedFrameException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client channel: hands replies to their pending calls (matched by tid
 * only, so a pong or inspect-ack may overtake earlier responses), answers server pings, runs the
 * optional keep-alive, and handles undecodable input. One instance per channel.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

    private final PendingCalls pending;
    private final Connection connection;
    private final Duration pingInterval;
    private final int version;
    private ScheduledFuture<?> keepAlive;
    private boolean awaitingPong;

    ClientHandler(PendingCalls pending, Connection connection, Duration pingInterval, int version) {
        this.pending = pending;
        this.connection = connection;
        this.pingInterval = pingInterval;
        this.version = version;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (pingInterval != null) {
            long ms = pingInterval.toMillis();
            keepAlive = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), ms, ms, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    private void ping(ChannelHandlerContext ctx) {
        if (awaitingPong) {
            LOG.warn("no pong from {} within {}; closing the connection", connection.address(), pingInterval);
            connection.discard(ctx.channel());
            pending.failAll(ctx.channel(), () -> new ConnectionBrokenException(
                "connection to " + connection.address() + " closed: no pong within " + pingInterval));
            ctx.close();
            return;
        }
        awaitingPong = true;
        ctx.writeAndFlush(new Frame.Ping(version, 0));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InvalidFrame invalid) {
            invalidFrame(ctx, invalid.error());
            return;
        }
        if (!(msg instanceof Frame frame)) {
            LOG.debug("ignoring {}", msg);
            return;
        }
        if (frame instanceof Frame.Response || frame instanceof Frame.InspectAck) {
            reply(frame);
        } else if (frame instanceof Frame.Error e) {
            if (e.tid() == 0) {
                LOG.warn("error frame with code {} from {} (no call to attach it to)", e.resultCodeValue(),
                    connection.address());
            } else {
                reply(e);
            }
        } else if (frame instanceof Frame.Pong) {
            awaitingPong = false;
        } else if (frame instanceof Frame.Ping p) {
            ctx.writeAndFlush(new Frame.Pong(p.version(), p.tid()));
        } else if (frame instanceof Frame.ServerHello h) {
            connection.serverHello(h.serverVersion());
        } else {
            LOG.debug("ignoring unexpected {} from {}", frame.type(), connection.address());
        }
    }

    private void reply(Frame frame) {
        PendingCall call = pending.remove(frame.tid());
        if (call == null) {
            // fire-and-forget answers and answers arriving after their call timed out
            LOG.debug("no pending call for {} tid {}", frame.type(), frame.tid());
            return;
        }
        call.answered(frame);
    }

    private void invalidFrame(ChannelHandlerContext ctx, MalformedFrameException e) {
        if (e.recoverable()) {
            LOG.warn("skipped an invalid frame from {}: {}", connection.address(), e.getMessage());
            return;
        }
        LOG.warn("undecodable bytes from {}: {}; closing the connection", connection.address(), e.getMessage());
        connection.discard(ctx.channel());
        pending.failAll(ctx.channel(), () -> new ConnectionBrokenException(
            "connection to " + connection.address() + " closed: the server sent bytes that are not a slacker frame ("
                + e.getMessage() + ")", e));
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection to {} failed", connection.address(), cause);
        connection.discard(ctx.channel());
        pending.failAll(ctx.channel(), () -> new ConnectionBrokenException(
            "connection to " + connection.address() + " failed: " + cause, cause));
        ctx.close();
    }
}
