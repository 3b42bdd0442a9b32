package io.slacker.internal.server;

import static io.slacker.internal.server.Edn.bytes;
import static io.slacker.internal.server.Edn.request;
import static io.slacker.internal.server.Edn.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.ContentType;
import io.slacker.SlackerServer;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.InspectCommand;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.RemoteFunction;
import io.slacker.testkit.RawConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hello, ping, inspect, packets a server refuses, bad input, load and graceful stop. */
class ServerProtocolTest {
    private static SlackerServer server;

    /** An interface with docs and parameter names, for inspect :meta. */
    @io.slacker.Namespace("p.api")
    public interface Documented {
        @io.slacker.Doc("adds two numbers")
        long add(long left, long right);
    }

    @BeforeAll
    static void start() {
        server = SlackerServer.builder().host("127.0.0.1").port(0).version("9.9.9")
            .expose(Documented.class, (left, right) -> left + right)
            .expose("p.api2", Map.of("echo", args -> args.get(0), "big", args -> "x".repeat(((Long) args.get(0)).intValue())))
            .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void helloIsAnsweredWithTheServerVersionAndRecorded() {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new Frame.ClientHello(6, 0, "1.2.3", "my-client"));
            assertThat(c.await(0, 11)).isEqualTo(new Frame.ServerHello(6, 0, "9.9.9"));
            c.send(new Frame.InspectRequest(6, 1, InspectCommand.CLIENTS, bytes("nil")));
            String clients = text(((Frame.InspectAck) c.await(1, 8)).data());
            assertThat(clients).startsWith("{:connected-clients (").contains(":name \"my-client\", :version \"1.2.3\"")
                .contains(":addr \"/127.0.0.1:").contains(":started-on #inst \"").endsWith(":version \"9.9.9\"}");
        }
    }

    @Test
    void pingPongInV5AndV6() {
        try (RawConnection c = new RawConnection(server.port())) {
            assertThat(c.send(new Frame.Ping(6, 0)).next()).isEqualTo(new Frame.Pong(6, 0));
            assertThat(c.send(new Frame.Ping(5, 3)).next()).isEqualTo(new Frame.Pong(5, 3));
        }
    }

    @Test
    void v5RequestsGetV5Responses() {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new Frame.Request(5, 4, ContentType.CLJ, "p.api2/echo", bytes("[\"a\"]"), List.of()));
            Frame.Response r = (Frame.Response) c.await(4);
            assertThat(r.version()).isEqualTo(5);
            assertThat(text(r.data())).isEqualTo("\"a\"");
        }
    }

    @Test
    void inspectFunctionsAndMeta() {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new Frame.InspectRequest(6, 1, InspectCommand.FUNCTIONS, bytes("\"p.api\"")));
            String fns = text(((Frame.InspectAck) c.await(1, 8)).data());
            assertThat(fns).startsWith("(").contains("\"p.api/add\"").contains("\"p.api2/echo\"");
            c.send(new Frame.InspectRequest(6, 2, InspectCommand.FUNCTIONS, bytes("\"p.api2\"")));
            assertThat(text(((Frame.InspectAck) c.await(2, 8)).data())).doesNotContain("p.api/add");
            c.send(new Frame.InspectRequest(6, 3, InspectCommand.META, bytes("\"p.api/add\"")));
            assertThat(text(((Frame.InspectAck) c.await(3, 8)).data()))
                .isEqualTo("{:name add, :doc \"adds two numbers\", :arglists ([left right])}");
            c.send(new Frame.InspectRequest(6, 4, InspectCommand.META, bytes("\"p.api2/echo\"")));
            assertThat(text(((Frame.InspectAck) c.await(4, 8)).data())).isEqualTo("{}");
            c.send(new Frame.InspectRequest(6, 5, InspectCommand.META, bytes("\"p.api/nope\"")));
            assertThat(text(((Frame.InspectAck) c.await(5, 8)).data())).isEqualTo("{}");
        }
    }

    @Test
    void packetsAServerDoesNotTakeGetInvalidPacket() {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new Frame.Pong(6, 42));
            assertThat(c.await(42)).isEqualTo(new Frame.Error(6, 42, ResultCode.INVALID_PACKET));
            c.send(new Frame.AuthRequest(6, 43, "secret"));
            assertThat(c.await(43)).isEqualTo(new Frame.Error(6, 43, ResultCode.INVALID_PACKET));
            c.send(new Frame.Response(6, 44, ContentType.CLJ, ResultCode.SUCCESS, bytes("[]"), List.of()));
            assertThat(c.await(44)).isEqualTo(new Frame.Error(6, 44, ResultCode.INVALID_PACKET));
            c.send(new Frame.InspectRequest(6, 45, 5, bytes("nil")));
            assertThat(c.await(45)).isEqualTo(new Frame.Error(6, 45, ResultCode.INVALID_PACKET));
            c.send(new Frame.Request(6, 46, 99, "p.api2/echo", bytes("[1]"), List.of()));
            assertThat(c.await(46)).isEqualTo(new Frame.Error(6, 46, ResultCode.INVALID_PACKET));
            // and the connection still works
            assertThat(c.send(new Frame.Ping(6, 47)).await(47)).isEqualTo(new Frame.Pong(6, 47));
        }
    }

    @Test
    void malformedArgumentsGetAnExceptionNamingTheProblem() {
        try (RawConnection c = new RawConnection(server.port())) {
            Frame.Response r = (Frame.Response) c.send(request(1, "p.api2/echo", "[1 {:a]")).await(1);
            assertThat(r.resultCode()).isEqualTo(ResultCode.EXCEPTION);
            assertThat(text(r.data())).contains("p.api2/echo").contains("cannot decode the arguments");
            Frame.Response ok = (Frame.Response) c.send(request(2, "p.api2/echo", "[5]")).await(2);
            assertThat(text(ok.data())).isEqualTo("5");
        }
    }

    @Test
    void anInspectAnswerTooBigForItsLengthFieldIsRefusedNotCorrupted() {
        // every function name of a server with many functions: over 64 KiB of EDN
        Map<String, RemoteFunction> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            many.put("function-with-a-rather-long-name-" + i, args -> null);
        }
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).expose("many", many).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(new Frame.InspectRequest(6, 1, InspectCommand.FUNCTIONS, bytes("nil")));
            assertThat(c.await(1)).isEqualTo(new Frame.Error(6, 1, ResultCode.INVALID_PACKET));
        }
    }

    @Test
    void aClientThatNeverReadsIsNoLongerReadFrom() throws Exception {
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).writeBufferLimit(256 * 1024)
            .expose("t", Map.of("big", args -> "x".repeat(64 * 1024))).start();
             Socket greedy = new Socket()) {
            greedy.connect(new InetSocketAddress("127.0.0.1", s.port()));
            // 1 KiB requests for 64 KiB answers, never reading one: 100 MiB if the server kept reading
            byte[] req = frameBytes(request(1, "t/big", "[\"" + "p".repeat(1024) + "\"]"));
            java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 100_000; i++) {
                        greedy.getOutputStream().write(req);
                        written.incrementAndGet();
                    }
                } catch (IOException ignored) {
                    // the socket is closed below
                }
            });
            writer.setDaemon(true);
            writer.start();
            Thread.sleep(3000);
            // the writer is stuck: the server stopped reading once its outbound buffer was full
            assertThat(writer.isAlive()).isTrue();
            assertThat(written.get()).isLessThan(100_000);
            // and another client is served normally meanwhile
            try (RawConnection c = new RawConnection(s.port())) {
                assertThat(c.send(new Frame.Ping(6, 9)).next()).isEqualTo(new Frame.Pong(6, 9));
            }
            greedy.close();
            writer.join(5000);
            assertThat(writer.isAlive()).isFalse();
        }
    }

    @Test
    void tenThousandConnectionsOpenedAndDroppedLeaveTheServerServing() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0);
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                if (i % 3 == 0) {
                    s.getOutputStream().write(new byte[] {6, 0, 0, 0}); // a truncated header
                }
            }
        }
        try (RawConnection c = new RawConnection(server.port())) {
            Frame.Response r = (Frame.Response) c.send(request(1, "p.api2/echo", "[\"still here\"]")).await(1);
            assertThat(text(r.data())).isEqualTo("\"still here\"");
        }
    }

    @Test
    void gracefulStopFinishesInFlightCallsAndRefusesNewOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("slow", args -> {
                started.countDown();
                release.get(10, TimeUnit.SECONDS);
                return "finished";
            }, "quick", args -> "quick")).start();
        int port = s.port();
        try (RawConnection c = new RawConnection(port)) {
            c.send(request(1, "t/slow", "[]"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Thread stopper = new Thread(() -> s.stop(Duration.ofSeconds(10)));
            stopper.start();
            Thread.sleep(200);
            // stopping: no new connections
            assertThat(connectRefused(port)).isTrue();
            // a new call on the open connection is refused at once
            assertThat(c.send(request(2, "t/quick", "[]")).await(2)).isEqualTo(new Frame.Error(6, 2, ResultCode.THREAD_POOL_FULL));
            release.complete(null);
            assertThat(text(((Frame.Response) c.await(1)).data())).isEqualTo("\"finished\"");
            stopper.join(10_000);
            assertThat(stopper.isAlive()).isFalse();
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    private static boolean connectRefused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static byte[] frameBytes(Frame f) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        try {
            io.slacker.internal.protocol.FrameCodec.encode(f, b);
            return io.netty.buffer.ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }
}
