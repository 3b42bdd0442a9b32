package io.slacker.internal.server;

import static io.slacker.internal.server.Edn.request;
import static io.slacker.internal.server.Edn.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.slacker.SlackerServer;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameDecoder;
import io.slacker.internal.protocol.FrameEncoder;
import io.slacker.testkit.RawConnection;
import io.slacker.testkit.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HTTP transport and TLS. */
class ServerTransportsTest {

    private static SlackerServer httpServer() {
        return SlackerServer.builder().host("127.0.0.1").port(0).http(0)
            .expose("h", Map.of("echo", args -> args.isEmpty() ? "no args" : args.get(0),
                "fail", args -> {
                    throw new IllegalStateException("http boom");
                }))
            .start();
    }

    private static HttpResponse<String> post(SlackerServer s, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpCallsShareTheCallLifecycleAndTheBodyLimit() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).http(0).maxFrameBody(64)
            .expose("h", Map.of("slow", args -> {
                started.countDown();
                release.await();
                return "done";
            }, "echo", args -> args.get(0)))
            .start();
        try {
            HttpResponse<String> big = post(s, "/h/echo.clj", "[\"" + "x".repeat(100) + "\"]");
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(post(s, "/h/echo.clj", "[\"small\"]").body()).isEqualTo("\"small\"");

            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(s, "/h/slow.clj", "[]");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(s.inFlight()).isEqualTo(1);
            // a graceful stop waits for the HTTP call, and it is answered
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> s.stop(Duration.ofSeconds(10)));
            Thread.sleep(200);
            assertThat(stop).isNotDone();
            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("\"done\"");
            stop.get(10, TimeUnit.SECONDS);
            assertThat(s.inFlight()).isZero();
        } finally {
            release.countDown();
            s.close();
        }
    }

    @Test
    void httpCallsAnswerLikeClojureSlacker() throws Exception {
        try (SlackerServer s = httpServer()) {
            HttpResponse<String> ok = post(s, "/h/echo.clj", "[{:a [1 2]}]");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("content-type")).hasValue("application/clj");
            assertThat(ok.body()).isEqualTo("{:a [1 2]}");

            HttpResponse<String> json = post(s, "/h/echo.json", "[{\"a\":[1,2],\"s\":\"héllo\"}]");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).isEqualTo("{\"a\":[1,2],\"s\":\"héllo\"}");

            HttpResponse<String> empty = post(s, "/h/echo.clj", "");
            assertThat(empty.body()).isEqualTo("\"no args\"");
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + s.httpPort() + "/h/echo.clj")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("\"no args\"");

            HttpResponse<String> fail = post(s, "/h/fail.clj", "[]");
            assertThat(fail.statusCode()).isEqualTo(500);
            assertThat(fail.body()).isEqualTo("\"java.lang.IllegalStateException: http boom\"");

            assertThat(post(s, "/h/nope.clj", "[]").statusCode()).isEqualTo(404);
            assertThat(post(s, "/no.ns/f.clj", "[]").statusCode()).isEqualTo(404);
            assertThat(post(s, "/h/echo.bogus", "[5]").statusCode()).isEqualTo(400);
            HttpResponse<String> bad = post(s, "/h/echo.clj", "[1 {:a]");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("cannot decode the arguments");
        }
    }

    @Test
    void tlsServerTalksToATlsClientAndRefusesPlainBytes() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).sslContext(TestTls.server())
            .expose("t", Map.of("echo", args -> args.get(0))).start()) {
            CompletableFuture<Frame> answer = new CompletableFuture<>();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel c) {
                    c.pipeline().addLast(TestTls.client().newHandler(c.alloc(), "127.0.0.1", s.port()), new FrameDecoder(),
                        FrameEncoder.INSTANCE, new SimpleChannelInboundHandler<Frame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
                                answer.complete(f);
                            }
                        });
                }
            }).connect("127.0.0.1", s.port()).sync().channel();
            ch.writeAndFlush(request(1, "t/echo", "[\"secret\"]"));
            Frame.Response r = (Frame.Response) answer.get(10, TimeUnit.SECONDS);
            assertThat(text(r.data())).isEqualTo("\"secret\"");
            ch.close().sync();
            // plain frames on the TLS port: the handshake fails and the server closes
            try (RawConnection raw = new RawConnection(s.port())) {
                raw.send(new Frame.Ping(6, 1));
                assertThat(raw.closedByPeer()).isTrue();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
