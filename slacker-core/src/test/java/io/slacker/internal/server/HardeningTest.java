package io.slacker.internal.server;

import io.slacker.SlackerServer;

import static io.slacker.internal.server.Edn.request;
import static io.slacker.internal.server.Edn.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.FrameTooLargeException;
import io.slacker.SlackerClient;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.testkit.RawConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Bad clients against a real server (issue #11): each test sends the bad input over real sockets,
 * asserts the refusal, and asserts that a normal call on another connection still succeeds.
 */
class HardeningTest {
    private static final AtomicInteger CALLS = new AtomicInteger();

    private static SlackerServer.Builder server() {
        return SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("echo", args -> {
                CALLS.incrementAndGet();
                return args.get(0);
            }));
    }

    /** A normal call from a fresh client succeeds. */
    private static void assertHealthy(SlackerServer s) {
        try (SlackerClient c = SlackerClient.builder().address("127.0.0.1", s.port()).build()) {
            assertThat(c.call("t", "echo", List.of("still fine"))).isEqualTo("still fine");
        }
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Everything the server sends until it closes (fails when it does not close). */
    private static byte[] readToClose(RawConnection c) throws IOException {
        c.socket().setSoTimeout(20_000);
        InputStream in = c.socket().getInputStream();
        return in.readAllBytes();
    }

    @Test
    void longNumberLiteralsAreRefusedAtOnceWhileOthersAreServed() {
        String digits = "9".repeat(300_000);
        try (SlackerServer s = server().threads(2).start()) {
            List<RawConnection> bad = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    RawConnection c = new RawConnection(s.port(), "bad " + i);
                    bad.add(c);
                    c.send(request(1, "t/echo", "[" + digits + "]"));
                }
                RawConnection ext = new RawConnection(s.port(), "bad extension");
                bad.add(ext);
                // one extension of 65,000 digits (extensions hold at most 65,535 bytes)
                ext.send(request(2, "t/echo", "[1]", List.of(new Extension(7, ("6".repeat(65_000) + "M")
                    .getBytes(StandardCharsets.UTF_8)))));
                assertHealthy(s);
                for (RawConnection c : bad) {
                    Frame f = c.next();
                    assertThat(f).isInstanceOf(Frame.Response.class);
                    Frame.Response r = (Frame.Response) f;
                    assertThat(r.resultCodeValue()).isEqualTo(ResultCode.EXCEPTION.code());
                    assertThat(text(r.data())).contains("exceeds the limit of 1000 characters (maxNumberLength)");
                }
            } finally {
                bad.forEach(RawConnection::close);
            }
            assertThat(CALLS.get()).isPositive();
        }
    }

    @Test
    void aFrameNotFinishedInTimeIsAnsweredAndClosed() throws IOException {
        try (SlackerServer s = server().frameReadTimeout(Duration.ofMillis(200)).start();
             RawConnection slow = new RawConnection(s.port(), "slow")) {
            // a request header (tid 9) declaring 100 payload bytes, and only 3 of them
            slow.write(new byte[] {6, 0, 0, 0, 9, 0, 2, 0, 1, 'a', 0, 0, 0, 100, 1, 2, 3});
            assertHealthy(s);
            assertThat(readToClose(slow)).containsExactly(6, 0, 0, 0, 9, 4, ResultCode.INVALID_PACKET.code());
            assertHealthy(s);
        }
    }

    @Test
    void threeBytesAloneAreAPartialFrameToo() throws IOException {
        try (SlackerServer s = server().frameReadTimeout(Duration.ofMillis(200)).start();
             RawConnection slow = new RawConnection(s.port(), "three bytes")) {
            slow.write(new byte[] {6, 0, 0});
            assertThat(readToClose(slow)).containsExactly(6, 0, 0, 0, 0, 4, ResultCode.INVALID_PACKET.code());
            assertHealthy(s);
        }
    }

    @Test
    void idleConnectionsAreClosedButPingingClientsStay() throws IOException {
        try (SlackerServer s = server().idleTimeout(Duration.ofMillis(1000)).start();
             SlackerClient pinging = SlackerClient.builder().address("127.0.0.1", s.port())
                 .pingInterval(Duration.ofMillis(250)).build();
             RawConnection idle = new RawConnection(s.port(), "idle")) {
            assertThat(pinging.call("t", "echo", List.of(1L))).isEqualTo(1L);
            assertThat(readToClose(idle)).isEmpty();
            // the idle one was closed after the idle timeout; the pinging client is still connected
            eventually("the idle connection is gone", () -> s.clients().size() == 1);
            assertThat(pinging.isConnected()).isTrue();
            assertThat(pinging.call("t", "echo", List.of(2L))).isEqualTo(2L);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws IOException {
        try (SlackerServer s = server().maxConnections(3).start();
             SlackerClient client = SlackerClient.builder().address("127.0.0.1", s.port()).build();
             RawConnection b = new RawConnection(s.port(), "b")) {
            RawConnection a = new RawConnection(s.port(), "a");
            assertThat(client.call("t", "echo", List.of("x"))).isEqualTo("x");
            a.send(new Frame.Ping(6, 1));
            b.send(new Frame.Ping(6, 2));
            assertThat(a.await(1).type().code()).isEqualTo(3);
            assertThat(b.await(2).type().code()).isEqualTo(3);
            try (RawConnection extra = new RawConnection(s.port(), "one too many")) {
                assertThat(readToClose(extra)).isEmpty();
            }
            assertThat(s.connectionCount()).isEqualTo(3);
            assertThat(client.call("t", "echo", List.of("y"))).isEqualTo("y");
            a.close();
            eventually("a's close is counted", () -> s.connectionCount() == 2);
            assertHealthy(s);
        }
    }

    @Test
    void partialFramesBeyondTheInboundBudgetAreRefused() throws IOException {
        int budget = 100_000;
        byte[] part = new byte[60_000];
        int firstLength = 80_000;
        try (SlackerServer s = server().inboundBufferBudget(budget).start();
             RawConnection first = new RawConnection(s.port(), "first");
             RawConnection second = new RawConnection(s.port(), "second")) {
            first.write(header(21, firstLength)).write(part);
            eventually("the first part is held", () -> s.inboundBufferedBytes() >= part.length);
            second.write(header(22, 1_000_000)).write(part);
            assertThat(readToClose(second)).containsExactly(6, 0, 0, 0, 22, 4, ResultCode.INVALID_PACKET.code());
            eventually("the second connection's bytes are released", () -> s.inboundBufferedBytes() < budget);
            assertHealthy(s);
            // the first connection may finish its frame and gets an answer
            first.write(new byte[firstLength - part.length]).write(new byte[] {0});
            Frame answer = first.await(21);
            assertThat(answer).isInstanceOf(Frame.Response.class);
            eventually("nothing held any more", () -> s.inboundBufferedBytes() == 0);
        }
    }

    /** A v6 clj request header for t/echo (tid) whose payload declares {@code length} bytes. */
    private static byte[] header(int tid, int length) {
        return new byte[] {6, 0, 0, 0, (byte) tid, 0, 2, 0, 6, 't', '/', 'e', 'c', 'h', 'o',
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    @Test
    void theClientRefusesATooLargeCallBeforeSendingIt() {
        try (SlackerServer s = server().start();
             SlackerClient client = SlackerClient.builder().address("127.0.0.1", s.port()).maxBodySize(1000).build()) {
            assertThat(client.call("t", "echo", List.of("small"))).isEqualTo("small");
            int before = CALLS.get();
            assertThatThrownBy(() -> client.call("t", "echo", List.of("x".repeat(5000))))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("exceeds the limit of 1000 bytes")
                .satisfies(e -> assertThat(((FrameTooLargeException) e).size()).isGreaterThan(5000));
            assertThat(client.call("t", "echo", List.of("after"))).isEqualTo("after");
            assertThat(CALLS.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void aTooLargeFrameIsAnsweredAndClosedByTheServer() throws IOException {
        try (SlackerServer s = server().maxFrameBody(1000).start();
             RawConnection big = new RawConnection(s.port(), "big")) {
            big.write(header(5, 5000));
            assertThat(readToClose(big)).containsExactly(6, 0, 0, 0, 5, 4, ResultCode.INVALID_PACKET.code());
            assertHealthy(s);
        }
    }

    @Test
    void aCallWhoseClientWentAwayCountsUntilItEndsAndStopWaitsForIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        SlackerServer s = server().shutdownTimeout(Duration.ofSeconds(60))
            .expose("slow", Map.of("wait", args -> {
                started.countDown();
                try {
                    release.await();
                    finished.set(true);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return null;
            })).start();
        int port = s.port();
        try (SlackerClient c = SlackerClient.builder().address("127.0.0.1", port).build()) {
            c.callAsync("slow", "wait", List.of(), null);
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        }
        eventually("the client's connection is gone", () -> s.clients().isEmpty());
        assertThat(s.inFlight()).isEqualTo(1);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::close);
        eventually("the server stopped accepting", () -> refused(port));
        assertThat(interrupted).isFalse();
        assertThat(stopping).isNotDone();
        release.countDown();
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(s.inFlight()).isZero();
    }

    private static boolean refused(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void httpRequestsNotFinishedInTimeAreAnsweredAndClosed() throws IOException {
        try (SlackerServer s = server().http(0).frameReadTimeout(Duration.ofMillis(200)).start();
             Socket slow = new Socket("127.0.0.1", s.httpPort())) {
            slow.setSoTimeout(20_000);
            slow.getOutputStream().write(("POST /t/echo.clj HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n[\"ab")
                .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("frame read timeout");
            assertHealthy(s);
        }
    }

    @Test
    void httpConnectionsCountAgainstTheLimit() throws IOException {
        try (SlackerServer s = server().http(0).maxConnections(1).start();
             Socket first = new Socket("127.0.0.1", s.httpPort())) {
            eventually("the first connection is counted", () -> s.connectionCount() == 1);
            try (RawConnection tcp = new RawConnection(s.port(), "tcp over the limit")) {
                assertThat(readToClose(tcp)).isEmpty();
            }
            first.close();
            eventually("the close is counted", () -> s.connectionCount() == 0);
            assertHealthy(s);
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> server().maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().idleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().frameReadTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().inboundBufferBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
