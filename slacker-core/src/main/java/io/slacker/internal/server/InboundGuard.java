package io.slacker.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameDecoder;
import io.slacker.internal.protocol.InvalidFrame;
import io.slacker.internal.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's share of the {@link InboundLimits}: a message (frame or HTTP request) begun
 * must be complete within the frame timeout, the bytes held for it count against the server-wide
 * budget, an idle connection ({@link IdleStateEvent} from Netty's {@code IdleStateHandler}) is
 * closed, and running out of memory is logged at WARN with the remote address. A connection
 * breaking a limit gets an error answer and is closed.
 */
abstract class InboundGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundGuard.class);

    final InboundLimits limits;
    private long heldHere;
    private ScheduledFuture<?> timer;
    private boolean refused;

    InboundGuard(InboundLimits limits) {
        this.limits = limits;
    }

    /** A guard for the TCP transport; sits right after the {@link FrameDecoder}. */
    static InboundGuard tcp(InboundLimits limits) {
        return new Tcp(limits);
    }

    /** A guard for the HTTP transport; sits before the HTTP codec and sees raw bytes. */
    static InboundGuard http(InboundLimits limits) {
        return new Http(limits);
    }

    /** The connection now holds {@code bytes} for a message not complete yet (0: none). */
    final void holding(ChannelHandlerContext ctx, long bytes) {
        if (refused) {
            return;
        }
        long delta = bytes - heldHere;
        heldHere = bytes;
        if (bytes > 0 && timer == null) {
            timer = ctx.executor().schedule(() -> refuse(ctx, "message not complete within "
                + limits.frameTimeoutMillis + " ms (frame read timeout)"), limits.frameTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        if (delta != 0 && !limits.hold(delta)) { // most frames arrive whole: nothing held, no shared update
            refuse(ctx, "partial messages of all connections would hold more than the inbound budget of "
                + limits.budgetBytes + " bytes (this connection: " + bytes + ")");
        }
    }

    /** A whole message arrived: its bytes are no longer held and its timer stops. */
    final void completed(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        holding(ctx, 0);
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        if (refused || !ctx.channel().isActive()) {
            return;
        }
        limits.refused(ctx.channel().remoteAddress(), why + "; closing the connection");
        release();
        refused = true;
        answerAndClose(ctx, why);
    }

    /** Sends the transport's error answer, then closes. */
    abstract void answerAndClose(ChannelHandlerContext ctx, String why);

    private void release() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        limits.hold(-heldHere);
        heldHere = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.debug("closing {}: idle for {} ms", ctx.channel().remoteAddress(), limits.idleTimeoutMillis);
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                limits.refused(ctx.channel().remoteAddress(), "out of memory while receiving (" + t.getMessage()
                    + "); closing the connection");
                release();
                ctx.close();
                return;
            }
        }
        super.exceptionCaught(ctx, cause);
    }

    /** TCP: held bytes are what the frame decoder buffers after each read. */
    private static final class Tcp extends InboundGuard {
        Tcp(InboundLimits limits) {
            super(limits);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof InvalidFrame invalid && !invalid.error().recoverable()) {
                limits.refused(ctx.channel().remoteAddress(), invalid.error().getMessage() + "; closing the connection");
            }
            completed(ctx);
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
            if (decoder != null) {
                holding(ctx, decoder.bufferedBytes());
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        void answerAndClose(ChannelHandlerContext ctx, String why) {
            FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
            int version = decoder == null ? Frame.V6 : decoder.pendingVersion();
            int tid = decoder == null ? 0 : decoder.pendingTid();
            ctx.channel().config().setAutoRead(false);
            ctx.channel().writeAndFlush(new Frame.Error(version, tid, ResultCode.INVALID_PACKET))
                .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** HTTP: held bytes are the raw bytes received since the last complete request. */
    private static final class Http extends InboundGuard {
        private long sinceLastRequest;

        Http(InboundLimits limits) {
            super(limits);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                sinceLastRequest += b.readableBytes();
                holding(ctx, sinceLastRequest);
            }
            ctx.fireChannelRead(msg);
        }

        /** The transport's handler got a whole request. */
        void requestComplete(ChannelHandlerContext ctx) {
            sinceLastRequest = 0;
            completed(ctx);
        }

        @Override
        void answerAndClose(ChannelHandlerContext ctx, String why) {
            DefaultFullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                why.contains("timeout") ? HttpResponseStatus.REQUEST_TIMEOUT : HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.copiedBuffer(why, StandardCharsets.UTF_8));
            resp.headers().set("content-type", "text/plain; charset=utf-8");
            resp.headers().set("Content-Length", resp.content().readableBytes());
            resp.headers().set("Connection", "close");
            ctx.channel().config().setAutoRead(false);
            ctx.channel().writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Tells the HTTP guard of this pipeline, if any, that a whole request arrived. */
    static void httpRequestComplete(io.netty.channel.ChannelPipeline pipeline) {
        ChannelHandlerContext ctx = pipeline.context(Http.class);
        if (ctx != null) {
            ((Http) ctx.handler()).requestComplete(ctx);
        }
    }
}
