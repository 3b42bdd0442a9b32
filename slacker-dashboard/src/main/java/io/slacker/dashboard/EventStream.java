package io.slacker.dashboard;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/** The open server-sent-event streams; each gets every new state as one {@code data:} event. */
final class EventStream {
    private final ChannelGroup subscribers = new DefaultChannelGroup("dashboard-events", GlobalEventExecutor.INSTANCE);

    /** Answers an event-stream request: headers, then the current state at once. */
    void subscribe(Channel ch, String currentJson) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set("content-type", "text/event-stream; charset=utf-8");
        head.headers().set("cache-control", "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ch.write(head);
        ch.writeAndFlush(chunk("retry: 2000\n" + event(currentJson))).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        subscribers.add(ch);
    }

    void broadcast(String json) {
        subscribers.writeAndFlush(chunk(event(json)));
    }

    /** A comment line, so that proxies and browsers keep idle streams open. */
    void heartbeat() {
        subscribers.writeAndFlush(chunk(": ping\n\n"));
    }

    void closeAll() {
        subscribers.close().awaitUninterruptibly(2000);
    }

    private static String event(String json) {
        return "data: " + json + "\n\n";
    }

    private static DefaultHttpContent chunk(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
