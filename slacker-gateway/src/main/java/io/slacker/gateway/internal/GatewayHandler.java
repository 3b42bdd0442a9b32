package io.slacker.gateway.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * One connection: takes aggregated requests, runs them through the filter chain one at a time
 * (so pipelined requests are answered in order) and writes the responses. Reading pauses while
 * many pipelined requests wait.
 */
final class GatewayHandler extends ChannelInboundHandlerAdapter {
    private static final int MAX_QUEUED = 16;

    private final GatewayRuntime runtime;
    private final Deque<FullHttpRequest> queue = new ArrayDeque<>();
    private boolean busy;

    GatewayHandler(GatewayRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!req.decoderResult().isSuccess()) {
            Throwable cause = req.decoderResult().cause();
            req.release();
            // the stream cannot be trusted past a malformed request: answer and close
            if (cause instanceof TooLongHttpLineException) {
                Responses.error(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "request line too long", false);
            } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                Responses.error(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "headers too large",
                    false);
            } else {
                Responses.error(ctx, HttpResponseStatus.BAD_REQUEST, "bad-request", "malformed HTTP request: " + cause, false);
            }
            return;
        }
        queue.add(req);
        if (queue.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        if (!busy) {
            next(ctx);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        FullHttpRequest req = queue.poll();
        if (req == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (runtime.closing()) {
            req.release();
            Responses.error(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "gateway is stopping", false);
            return;
        }
        DefaultRequestContext rc;
        try {
            rc = new DefaultRequestContext(req.method().name(), req.uri(), req.headers().copy(),
                ByteBufUtil.getBytes(req.content()), address(ctx), runtime.config(), runtime.chain());
        } finally {
            req.release();
        }
        runtime.begin();
        long start = System.nanoTime();
        runtime.chain().process(rc, ctx.executor()).toCompletableFuture()
            .orTimeout(runtime.requestTimeoutMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((v, e) -> {
            boolean open = keepAlive;
            int status = e != null ? HttpResponseStatus.GATEWAY_TIMEOUT.code() : rc.responseStatus();
            // counted before the answer goes out (same event-loop task, so a stop cannot close under it):
            // whoever has the answer also finds it in the metrics
            runtime.end(e != null ? null : rc, status, start);
            if (e != null) {
                // a filter never finished: the context may still change under us, answer apart and close
                open = false;
                Responses.error(ctx, HttpResponseStatus.GATEWAY_TIMEOUT, "timeout", "request not completed in time", false);
            } else {
                write(ctx, rc, keepAlive);
            }
            if (open && ctx.channel().isActive()) {
                next(ctx);
            } else {
                busy = false;
            }
        }, ctx.executor());
    }

    private static String address(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return String.valueOf(ctx.channel().remoteAddress());
    }

    private void write(ChannelHandlerContext ctx, DefaultRequestContext rc, boolean keepAlive) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(rc.responseStatus()), Unpooled.wrappedBuffer(rc.responseBody()));
        resp.headers().set(rc.responseHeaders());
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, rc.responseBody().length);
        Responses.send(ctx, resp, keepAlive);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FullHttpRequest r;
        while ((r = queue.poll()) != null) {
            r.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
