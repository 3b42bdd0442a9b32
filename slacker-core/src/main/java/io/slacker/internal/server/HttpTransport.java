package io.slacker.internal.server;

import io.slacker.internal.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * One connection. HTTP/1.1 lets a client send requests before earlier ones are answered
     * (pipelining) and requires the answers in request order, while the calls finish in any
     * order on the workers: each request takes a number on arrival and its answer waits (as
     * plain bytes, nothing to release) until every earlier one has gone out.
     */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ServerRuntime server;
        private final Serializers serializers;
        /** Event loop only: the number of the next request to arrive and of the next answer to send. */
        private long received;
        private long sent;
        private final Map<Long, Answer> waiting = new HashMap<>();
        private boolean closing;

        /** An answer ready to go out. */
        private record Answer(HttpResponseStatus status, String contentType, byte[] body, boolean keepAlive) {
        }

        Handler(ServerRuntime server) {
            this.serializers = server.config().serializers();
            this.server = server;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            InboundGuard.httpRequestComplete(ctx.pipeline());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            Channel ch = ctx.channel();
            long seq = received++;
            if (!req.decoderResult().isSuccess()) {
                send(ch, seq, HttpResponseStatus.BAD_REQUEST, null, text("malformed HTTP request"), false);
                return;
            }
            String path = new QueryStringDecoder(req.uri()).path();
            HttpGet get = server.httpGets().get(path);
            if (get != null && req.method().equals(io.netty.handler.codec.http.HttpMethod.GET)) {
                send(ch, seq, HttpResponseStatus.OK, get.contentType(), text(get.body().get()), keepAlive);
                return;
            }
            int dot = path.lastIndexOf('.');
            if (!path.startsWith("/") || dot <= path.lastIndexOf('/')) {
                send(ch, seq, HttpResponseStatus.BAD_REQUEST, null, text("expected /namespace/function.content-type"), keepAlive);
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
                send(ch, seq, HttpResponseStatus.BAD_REQUEST, null, text("unsupported content type: " + path.substring(dot + 1)),
                    keepAlive);
                return;
            }
            CallGate gate = server.gate();
            if (!gate.enter()) {
                send(ch, seq, HttpResponseStatus.SERVICE_UNAVAILABLE, null, text("server is stopping"), false);
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
                    send(ch, seq, status, "application/" + type.wireName(), data, keepAlive);
                }

                @Override
                public void undecodable(byte[] encodedMessage, List<Extension> extensions, String message) {
                    send(ch, seq, HttpResponseStatus.BAD_REQUEST, null, text(message), keepAlive);
                }

                @Override
                public void error(ResultCode code, String reason) {
                    HttpResponseStatus status = switch (code) {
                        case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                        case THREAD_POOL_FULL -> HttpResponseStatus.SERVICE_UNAVAILABLE;
                        default -> HttpResponseStatus.BAD_REQUEST;
                    };
                    send(ch, seq, status, null, text(reason), keepAlive);
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

        private void send(Channel ch, long seq, HttpResponseStatus status, String contentType, byte[] body, boolean keepAlive) {
            Answer a = new Answer(status, contentType, body, keepAlive);
            if (ch.eventLoop().inEventLoop()) {
                ready(ch, seq, a);
            } else {
                try {
                    ch.eventLoop().execute(() -> ready(ch, seq, a));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // the event loop is gone, and with it the connection
                }
            }
        }

        /** On the event loop: queues the answer, then sends every answer whose turn has come. */
        private void ready(Channel ch, long seq, Answer answer) {
            if (closing) {
                return;
            }
            waiting.put(seq, answer);
            boolean wrote = false;
            Answer a;
            while ((a = waiting.remove(sent)) != null) {
                sent++;
                ChannelFuture f = ch.write(response(a));
                wrote = true;
                if (!a.keepAlive()) {
                    closing = true;
                    waiting.clear();
                    f.addListener(ChannelFutureListener.CLOSE);
                    break;
                }
            }
            if (wrote) {
                ch.flush();
            }
        }

        private static FullHttpResponse response(Answer a) {
            byte[] body = a.body();
            String contentType = a.contentType();
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, a.status(), Unpooled.wrappedBuffer(body));
            // header spelling as the Clojure server writes them
            resp.headers().set("content-type", contentType != null ? contentType : "text/plain; charset=utf-8");
            resp.headers().set("Content-Length", body.length);
            if (a.keepAlive()) {
                resp.headers().set("Connection", "keep-alive");
            }
            return resp;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
