package io.slacker.examples.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop HTTP/1.1 load generator on Netty: {@code connections} keep-alive connections on
 * one event loop, each with one request in flight, the next sent as the answer arrives. Light
 * enough that the servers, not the generator, set the pace (JDK's {@code HttpClient} spends
 * about as much CPU per request as the servers under test).
 */
final class HttpLoad {
    /** Requests per second, latency percentiles in microseconds, and the requests that failed. */
    record Result(double perSecond, long p50Micros, long p99Micros, long failed) {
    }

    private HttpLoad() {
    }

    /** POSTs {@code body} to {@code uri} for {@code seconds} over {@code connections} connections. */
    static Result run(URI uri, String body, int connections, double seconds) throws InterruptedException {
        EventLoopGroup group = BenchTransport.group(1, "http-load");
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            CountDownLatch finished = new CountDownLatch(connections);
            List<Conn> conns = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                Conn c = new Conn(uri, bytes, end, finished);
                conns.add(c);
                Channel ch = new Bootstrap().group(group).channel(BenchTransport.socketChannel())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), c);
                        }
                    }).connect(uri.getHost(), uri.getPort()).sync().channel();
                ch.eventLoop().execute(() -> c.send(ch));
            }
            if (!finished.await((long) seconds + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still unanswered 60 s after the end");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long done = 0;
            long failed = 0;
            int n = 0;
            for (Conn c : conns) {
                done += c.done;
                failed += c.failed;
                n += c.count;
            }
            long[] all = new long[n];
            int at = 0;
            for (Conn c : conns) {
                System.arraycopy(c.latencies, 0, all, at, c.count);
                at += c.count;
            }
            Arrays.sort(all);
            long p50 = all.length == 0 ? 0 : all[all.length / 2] / 1000;
            long p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1000;
            return new Result(done / elapsed, p50, p99, failed);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** One connection: sends, waits for the answer, records it, sends again until the end. */
    private static final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final URI uri;
        private final byte[] body;
        private final long end;
        private final CountDownLatch finished;
        long[] latencies = new long[1 << 16];
        int count;
        long done;
        long failed;
        private long sentAt;
        private boolean ended;

        Conn(URI uri, byte[] body, long end, CountDownLatch finished) {
            this.uri = uri;
            this.body = body;
            this.end = end;
            this.finished = finished;
        }

        void send(Channel ch) {
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri.getRawPath(),
                Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort())
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            sentAt = System.nanoTime();
            ch.writeAndFlush(req);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            long now = System.nanoTime();
            if (r.status().code() == 200) {
                done++;
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = now - sentAt;
            } else {
                failed++;
            }
            if (now < end) {
                send(ctx.channel());
            } else {
                end(ctx);
            }
        }

        private void end(ChannelHandlerContext ctx) {
            if (!ended) {
                ended = true;
                ctx.close();
                finished.countDown();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ended) {
                failed++; // closed by the server with a request in flight
                end(ctx);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failed++;
            end(ctx);
        }
    }
}
