package io.slacker.internal.server;

import io.slacker.internal.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.slacker.ContentType;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP transport: {@code POST /ns/fn.clj} (or {@code .json}, any content type name) with the
 * serialized argument vector as body. 200 with the result, 500 with the exception string, 404 for
 * an unknown function, 400 for a bad suffix or body, 413 for a body over the server's frame body
 * limit, 503 when the pool is full or the server is stopping. Calls go through the same
 * {@link CallGate} as TCP ones: counted in flight, waited for by a graceful stop. Plain
 * {@code GET} endpoints configured with {@code SlackerServer.Builder#httpGet} (e.g. {@code /metrics}).
 */
final class HttpTransport {
    private HttpTransport() {
    }

    static Channel bind(ServerRuntime server, EventLoopGroup boss, EventLoopGroup io) throws InterruptedException {
        int maxBody = server.config().maxFrameBody();
        Channel ch = new ServerBootstrap().group(boss, io).channel(Transport.serverChannel())
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (server.accept(ch)) {
                        ch.pipeline().addLast(server.idleHandler(), InboundGuard.http(server.limits()), new HttpServerCodec(),
                            new HttpObjectAggregator(maxBody), new Handler(server));
                    }
                }
            }).bind(server.config().host(), server.config().httpPort()).sync().channel();
        server.listening(ch);
        return ch;
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ServerRuntime server;
        private final Serializers serializers;

        Handler(ServerRuntime server) {
            this.serializers = server.config().serializers();
            this.server = server;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            InboundGuard.httpRequestComplete(ctx.pipeline());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            Channel ch = ctx.channel();
            if (!req.decoderResult().isSuccess()) {
                send(ch, HttpResponseStatus.BAD_REQUEST, null, text("malformed HTTP request"), false);
                return;
            }
            String path = new QueryStringDecoder(req.uri()).path();
            HttpGet get = server.httpGets().get(path);
            if (get != null && req.method().equals(io.netty.handler.codec.http.HttpMethod.GET)) {
                send(ch, HttpResponseStatus.OK, get.contentType(), text(get.body().get()), keepAlive);
                return;
            }
            int dot = path.lastIndexOf('.');
            if (!path.startsWith("/") || dot <= path.lastIndexOf('/')) {
                send(ch, HttpResponseStatus.BAD_REQUEST, null, text("expected /namespace/function.content-type"), keepAlive);
                return;
            }
            String fname = path.substring(1, dot);
            ContentType ct;
            try {
                ct = ContentType.fromName(path.substring(dot + 1));
            } catch (IllegalArgumentException e) {
                ct = null;
            }
            if (ct == null || !serializers.supports(ct)) {
                send(ch, HttpResponseStatus.BAD_REQUEST, null, text("unsupported content type: " + path.substring(dot + 1)),
                    keepAlive);
                return;
            }
            CallGate gate = server.gate();
            if (!gate.enter()) {
                send(ch, HttpResponseStatus.SERVICE_UNAVAILABLE, null, text("server is stopping"), false);
                return;
            }
            byte[] body = ByteBufUtil.getBytes(req.content());
            if (body.length == 0) {
                body = serializers.get(ct).serialize(List.of());
            }
            ContentType type = ct;
            server.processor().process(fname, ct.code(), body, List.of(), Frame.V6, ch.remoteAddress(), new Reply() {
                @Override
                public void respond(ResultCode code, byte[] data, List<Extension> extensions) {
                    HttpResponseStatus status = code == ResultCode.SUCCESS ? HttpResponseStatus.OK
                        : code == ResultCode.CANCELED ? HttpResponseStatus.SERVICE_UNAVAILABLE
                        : HttpResponseStatus.INTERNAL_SERVER_ERROR;
                    send(ch, status, "application/" + type.wireName(), data, keepAlive);
                }

                @Override
                public void undecodable(byte[] encodedMessage, List<Extension> extensions, String message) {
                    send(ch, HttpResponseStatus.BAD_REQUEST, null, text(message), keepAlive);
                }

                @Override
                public void error(ResultCode code, String reason) {
                    HttpResponseStatus status = switch (code) {
                        case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                        case THREAD_POOL_FULL -> HttpResponseStatus.SERVICE_UNAVAILABLE;
                        default -> HttpResponseStatus.BAD_REQUEST;
                    };
                    send(ch, status, null, text(reason), keepAlive);
                }

                @Override
                public void done() {
                    gate.leave();
                }
            });
        }

        private static byte[] text(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private static void send(Channel ch, HttpResponseStatus status, String contentType, byte[] body, boolean keepAlive) {
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            // header spelling as the Clojure server writes them
            resp.headers().set("content-type", contentType != null ? contentType : "text/plain; charset=utf-8");
            resp.headers().set("Content-Length", body.length);
            if (keepAlive) {
                resp.headers().set("Connection", "keep-alive");
            }
            var f = ch.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
