package io.slacker.dashboard;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The dashboard's HTTP routes: the page and its assets, the JSON state, the event stream. */
final class DashboardHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Map<String, Asset> ASSETS = Map.of(
        "/", asset("index.html", "text/html; charset=utf-8"),
        "/index.html", asset("index.html", "text/html; charset=utf-8"),
        "/app.js", asset("app.js", "text/javascript; charset=utf-8"),
        "/app.css", asset("app.css", "text/css; charset=utf-8"));

    private final Dashboard dashboard;
    private final EventStream events;

    /** A static file of the page. */
    record Asset(String contentType, byte[] body) {
    }

    DashboardHandler(Dashboard dashboard, EventStream events) {
        this.dashboard = dashboard;
        this.events = events;
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = DashboardHandler.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing dashboard asset " + name);
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's static file at {@code path} ({@code /}, {@code /app.js}, ...), or null. */
    static Asset asset(String path) {
        return ASSETS.get(path);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            send(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", bytes("malformed request"));
            return;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", bytes("GET only"));
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        Asset a = ASSETS.get(path);
        if (a != null) {
            send(ctx, req, HttpResponseStatus.OK, a.contentType(), a.body());
        } else if (path.equals("/api/cluster")) {
            send(ctx, req, HttpResponseStatus.OK, "application/json", bytes(dashboard.stateJson()));
        } else if (path.equals("/api/events")) {
            events.subscribe(ctx.channel(), dashboard.stateJson());
        } else {
            send(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", bytes("not found: " + path));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String type,
                             byte[] body) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        resp.headers().set("content-type", type);
        resp.headers().set("cache-control", "no-cache");
        resp.headers().setInt("content-length", body.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(resp, keepAlive);
        var f = ctx.writeAndFlush(resp);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
