package io.slacker.gateway.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Writing responses on a connection, keeping it open or closing it after the write. */
final class Responses {
    private Responses() {
    }

    /** A JSON error answered outside the filter chain (malformed or oversized requests, stopping). */
    static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message, boolean keepAlive) {
        byte[] body = Json.error(code, message, null);
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, Json.TYPE);
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        send(ctx, resp, keepAlive);
    }

    /** Writes and flushes; without keep-alive, closes once written. */
    static void send(ChannelHandlerContext ctx, FullHttpResponse resp, boolean keepAlive) {
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(resp);
        } else {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
