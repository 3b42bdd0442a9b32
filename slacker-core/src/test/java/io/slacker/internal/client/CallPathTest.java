package io.slacker.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.CallOptions;
import io.slacker.CallTimeoutException;
import io.slacker.ConnectionBrokenException;
import io.slacker.SlackerClient;
import io.slacker.internal.protocol.Frame;
import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import io.slacker.testkit.TestTls;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The client's call path under load: the timeout sweep (mixed deadlines, calls waiting for their
 * connection), batched writes (a request that cannot be encoded, a connection dropped under
 * pipelined calls) and the pending-call table (a call outliving more newer calls than its slots).
 */
class CallPathTest extends FakeServerTest {
    private static Throwable outcome(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("call never completed", e);
        }
    }

    /** Counts the {@code post} stage per call: it runs once when the call completes once. */
    private static final class PostCounter implements Interceptor {
        final Map<Object, AtomicInteger> posts = new ConcurrentHashMap<>();

        @Override
        public void post(CallContext call) {
            posts.computeIfAbsent(call.args().get(0), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    void mixedTimeoutsFireAtOrAfterTheirOwnDeadlineAndAnsweredCallsNeverTimeOut() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s.address()));
        c.call("test.api", "echo", List.of(0L)); // connected
        Random random = new Random(18);
        int n = 120;
        List<CompletableFuture<Object>> silent = new ArrayList<>();
        List<CompletableFuture<Object>> answered = new ArrayList<>();
        long[] issued = new long[n];
        long[] timeouts = new long[n];
        AtomicLongArray done = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            // deadlines out of order: long ones first, short ones later, so the sweep is re-armed earlier
            timeouts[i] = i < n / 2 ? 300 + random.nextInt(400) : 20 + random.nextInt(300);
            int k = i;
            issued[i] = System.nanoTime();
            CompletableFuture<Object> f = c.callAsync("test.api", "silent", List.of((long) i),
                CallOptions.defaults().withTimeout(Duration.ofMillis(timeouts[i])));
            silent.add(f);
            f.whenComplete((v, e) -> done.set(k, System.nanoTime()));
            answered.add(c.callAsync("test.api", "echo", List.of((long) i),
                CallOptions.defaults().withTimeout(Duration.ofMillis(20 + random.nextInt(700)))));
        }
        for (int i = 0; i < n; i++) {
            Throwable e = outcome(silent.get(i));
            assertThat(e).as("call %d", i).isExactlyInstanceOf(CallTimeoutException.class)
                .hasMessage("test.api/silent timed out after " + timeouts[i] + " ms");
        }
        for (int i = 0; i < n; i++) {
            long at = done.get(i);
            for (int spin = 0; at == 0 && spin < 1000; spin++) { // the callback may still be running
                Thread.sleep(5);
                at = done.get(i);
            }
            assertThat(Duration.ofNanos(at - issued[i])).as("call %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(timeouts[i]));
        }
        // some answers may come after a short timeout on a slow machine; those time out, but none early
        for (int i = 0; i < n; i++) {
            Throwable e = outcome(answered.get(i));
            if (e != null) {
                assertThat(e).isExactlyInstanceOf(CallTimeoutException.class);
            } else {
                assertThat(answered.get(i).join()).isEqualTo((long) i);
            }
        }
        assertThat(c.inFlight()).isZero();
        // answered calls with a long timeout never time out, however many sweeps run meanwhile
        List<CompletableFuture<Object>> longOnes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            longOnes.add(c.callAsync("test.api", "echo", List.of((long) i), CallOptions.defaults().withTimeout(Duration.ofSeconds(30))));
            c.callAsync("test.api", "silent", List.of(-1L), CallOptions.defaults().withTimeout(Duration.ofMillis(1 + i % 7)));
        }
        for (int i = 0; i < longOnes.size(); i++) {
            assertThat(longOnes.get(i).get(20, TimeUnit.SECONDS)).isEqualTo((long) i);
        }
    }

    @Test
    void callsWaitingForTheirConnectionTimeOutByTheSweep() throws Exception {
        // accepts TCP but never answers the TLS handshake: calls wait for the connection
        try (ServerSocket mute = new ServerSocket()) {
            mute.bind(new InetSocketAddress("127.0.0.1", 0));
            AtomicReference<Socket> accepted = new AtomicReference<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.set(mute.accept());
                } catch (java.io.IOException ignored) {
                    // closed
                }
            });
            acceptor.start();
            SlackerClient c = client(builder("127.0.0.1:" + mute.getLocalPort()).sslContext(TestTls.client())
                .connectTimeout(Duration.ofSeconds(30)));
            long start = System.nanoTime();
            CompletableFuture<Object> a = c.callAsync("test.api", "echo", List.of(1L), CallOptions.defaults().withTimeout(Duration.ofMillis(300)));
            CompletableFuture<Object> b = c.callAsync("test.api", "echo", List.of(2L), CallOptions.defaults().withTimeout(Duration.ofMillis(100)));
            assertThat(outcome(b)).isExactlyInstanceOf(CallTimeoutException.class).hasMessage("test.api/echo timed out after 100 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(outcome(a)).isExactlyInstanceOf(CallTimeoutException.class).hasMessage("test.api/echo timed out after 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(c.inFlight()).isZero();
            c.close();
            acceptor.join(5000);
            if (accepted.get() != null) {
                accepted.get().close();
            }
        }
    }

    @Test
    void aRequestThatCannotBeEncodedFailsAloneAndItsBatchGoesOut() throws Exception {
        FakeServer s = server(FakeServer.standard());
        PostCounter posts = new PostCounter();
        SlackerClient c = client(builder(s.address()).interceptor(posts));
        c.call("test.api", "echo", List.of(0L));
        String tooLong = "f".repeat(70_000); // a function name over the 65535 bytes of its length field
        List<CompletableFuture<Object>> good = new ArrayList<>();
        CompletableFuture<Object> bad = null;
        for (long i = 1; i <= 50; i++) {
            good.add(c.callAsync("test.api", "echo", List.of(i), CallOptions.defaults()));
            if (i == 25) {
                bad = c.callAsync("test.api", tooLong, List.of(-1L), CallOptions.defaults());
            }
        }
        assertThat(outcome(bad)).isExactlyInstanceOf(ConnectionBrokenException.class)
            .hasMessageStartingWith("could not send test.api/" + tooLong + " to " + s.address())
            .hasMessageContaining("65535");
        for (int i = 0; i < good.size(); i++) {
            assertThat(good.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
        }
        assertThat(s.connections.get()).isOne();
        assertThat(posts.posts.get(-1L)).hasValue(1);
        assertThat(c.inFlight()).isZero();
    }

    @Test
    void aConnectionDroppedUnderPipelinedCallsFailsEachCallExactlyOnce() throws Exception {
        // the server drops the connection on the first request it reads: whatever was written or queued fails
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.ClientHello) {
                r.channel().writeAndFlush(FakeServer.HELLO);
            } else if (r.frame() instanceof Frame.Request) {
                r.channel().close();
            }
        });
        PostCounter posts = new PostCounter();
        SlackerClient c = client(builder(s.address()).interceptor(posts).reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
        int n = 600;
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            calls.add(c.callAsync("test.api", "echo", List.of(i), CallOptions.defaults()));
        }
        for (int i = 0; i < n; i++) {
            assertThat(outcome(calls.get(i))).as("call %d", i).isExactlyInstanceOf(ConnectionBrokenException.class);
        }
        assertThat(posts.posts).hasSize(n);
        assertThat(posts.posts.values()).allMatch(count -> count.get() == 1);
        assertThat(c.inFlight()).isZero();
    }

    @Test
    void aCallbackExecutorThatRefusesTheOutcomeFailsTheCallInsteadOfLeavingItOpen() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s.address()).callbackExecutor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }));
        CompletableFuture<Object> f = c.callAsync("test.api", "echo", List.of(1L), CallOptions.defaults());
        assertThat(outcome(f)).isInstanceOf(io.slacker.SlackerException.class)
            .hasMessage("the callback executor refused the outcome of test.api/echo")
            .hasCauseExactlyInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThat(c.inFlight()).isZero();
    }

    @Test
    void aCallOutlivingMoreNewerCallsThanItsSlotsIsStillAnswered() throws Exception {
        Map<Object, FakeServer.Received> held = new ConcurrentHashMap<>();
        FakeServer.Behavior standard = FakeServer.standard();
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.Request q && q.fname().endsWith("/hold")) {
                held.put(FakeServer.args(r).get(0), r);
            } else {
                standard.on(r);
            }
        });
        SlackerClient c = client(builder(s.address()).timeout(Duration.ofSeconds(60)));
        CompletableFuture<Object> old = c.callAsync("test.api", "hold", List.of("old"), CallOptions.defaults());
        // more calls than the table's 1024 slots: some land on the held call's slot
        for (long i = 0; i < 1100; i++) {
            assertThat(c.call("test.api", "echo", List.of(i))).isEqualTo(i);
        }
        CompletableFuture<Object> held2 = c.callAsync("test.api", "hold", List.of("new"), CallOptions.defaults());
        for (int spin = 0; held.size() < 2 && spin < 1000; spin++) {
            Thread.sleep(5);
        }
        FakeServer.respond(held.get("new"), "second");
        assertThat(held2.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(old).isNotDone();
        FakeServer.respond(held.get("old"), "first");
        assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(c.inFlight()).isZero();
    }
}
