package io.slacker.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.BacklogOverflowException;
import io.slacker.CallOptions;
import io.slacker.CallTimeoutException;
import io.slacker.CanceledException;
import io.slacker.ConnectionBrokenException;
import io.slacker.ErrorCode;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.RemoteProtocolException;
import io.slacker.SlackerClient;
import io.slacker.SlackerException;
import io.slacker.ThreadPoolFullException;
import io.slacker.data.Keyword;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.internal.serialization.edn.EdnSerializer;
import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import io.slacker.spi.Serializers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SlackerClientTest extends FakeServerTest {
    private static SlackerClient.Builder builder(FakeServer s) {
        return builder(s.address());
    }

    private static Throwable failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected failure, got " + f.join());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("future not done", e);
        }
    }

    @Test
    void syncCallsConvertResultsAndHelloGoesFirst() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s).clientName("tester"));
        TestApi api = c.proxy(TestApi.class);

        assertThat(api.add(2, 3)).isEqualTo(5L);
        assertThat(api.addInts(2, 3)).isEqualTo(5);
        assertThat(api.echo("héllo")).isEqualTo("héllo");
        assertThat(api.echoInts(List.of(1L, 2L))).containsExactly(1, 2);
        assertThat(api.echoMap(Map.of("a", 1L))).containsEntry("a", 1L);
        assertThat(api.greet("x")).isEqualTo("hi x");
        assertThat(c.call("test.api", "echo", List.of(List.of(1L, "a")))).isEqualTo(List.of(1L, "a"));

        FakeServer.Received hello = s.received.poll(1, TimeUnit.SECONDS);
        assertThat(hello.frame()).isEqualTo(new Frame.ClientHello(6, 0, io.slacker.Version.get(), "tester"));
        FakeServer.Received first = s.next(Frame.Request.class);
        assertThat(first.frame().tid()).isEqualTo(1);
        assertThat(((Frame.Request) first.frame()).fname()).isEqualTo("test.api/add");
        assertThat(new String(((Frame.Request) first.frame()).data(), StandardCharsets.UTF_8)).isEqualTo("[2 3]");
        assertThat(s.next(Frame.Request.class).frame().tid()).isEqualTo(2);
        assertThat(c.serverVersion()).isEqualTo("0.18.0-SNAPSHOT");
        assertThat(s.connections.get()).isEqualTo(1);
    }

    @Test
    void objectMethodsAreLocal() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s));
        TestApi api = c.proxy(TestApi.class);
        assertThat(api.toString()).contains("test.api").contains(s.address());
        assertThat(api).isEqualTo(api).isNotEqualTo(c.proxy(TestApi.class));
        assertThat(api.hashCode()).isEqualTo(System.identityHashCode(api));
        assertThat(s.connections.get()).isZero();
    }

    @Test
    void asyncCallbackAndFireAndForget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeServer.Behavior std = FakeServer.standard();
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.Request q && FakeServer.args(r).equals(List.of("wait"))) {
                // answer later, from another thread: the caller must not have been blocked
                new Thread(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    std.on(r);
                }).start();
            } else {
                std.on(r);
            }
        });
        SlackerClient c = client(builder(s));
        TestApi api = c.proxy(TestApi.class);

        CompletableFuture<String> f = api.echoAsync("wait");
        AtomicReference<Object> cb = new AtomicReference<>();
        CountDownLatch cbDone = new CountDownLatch(1);
        api.echoCallback("wait", (v, e) -> {
            cb.set(e != null ? e : v);
            cbDone.countDown();
        });
        assertThat(f).isNotDone();
        release.countDown();
        assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("wait");
        assertThat(cbDone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cb.get()).isEqualTo("wait");

        AtomicReference<Object> err = new AtomicReference<>();
        CountDownLatch errDone = new CountDownLatch(1);
        c.proxy(FailingCallbacks.class).fail((v, e) -> {
            err.set(e);
            errDone.countDown();
        });
        assertThat(errDone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(err.get()).isInstanceOf(RemoteException.class);
        // futures fail with the exception itself, not a CompletionException
        CompletableFuture<Object> failed = c.callAsync("test.api", "fail", List.of(), CallOptions.defaults());
        AtomicReference<Throwable> seen = new AtomicReference<>();
        failed.whenComplete((v, e) -> seen.set(e));
        assertThat(failure(failed)).isInstanceOf(RemoteException.class);
        assertThat(seen.get()).isInstanceOf(RemoteException.class);
    }

    /** Only to get a callback on a failing function. */
    @io.slacker.Namespace("test.api")
    interface FailingCallbacks {
        void fail(io.slacker.Callback<Object> done);
    }

    @Test
    void fireAndForgetSendsAndIgnoresTheAnswer() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s));
        TestApi api = c.proxy(TestApi.class);
        api.log("line");
        FakeServer.Received r = s.next(Frame.Request.class);
        assertThat(FakeServer.args(r)).containsExactly("line");
        assertThat(r.frame().tid()).isEqualTo(1);
        // the answer arrives and is dropped; the next call gets tid 2 and its own answer
        assertThat(api.echo("next")).isEqualTo("next");
        assertThat(s.next(Frame.Request.class).frame().tid()).isEqualTo(2);
        assertThat(c.inFlight()).isZero();
    }

    @Test
    void errorsMapToTheExceptionFamily() throws Exception {
        FakeServer s = server(r -> {
            if (!(r.frame() instanceof Frame.Request q)) {
                FakeServer.standard().on(r);
                return;
            }
            String fn = q.fname().substring(q.fname().indexOf('/') + 1);
            switch (fn) {
                case "pool" -> r.channel().writeAndFlush(new Frame.Error(6, q.tid(), ResultCode.THREAD_POOL_FULL));
                case "canceled" -> FakeServer.respond(r, ResultCode.CANCELED, "nil".getBytes());
                case "invalid" -> r.channel().writeAndFlush(new Frame.Error(6, q.tid(), ResultCode.INVALID_PACKET));
                case "acl" -> r.channel().writeAndFlush(new Frame.Error(6, q.tid(), ResultCode.ACL_REJECT));
                case "notfound-response" -> FakeServer.respond(r, ResultCode.NOT_FOUND, "nil".getBytes());
                case "debug-error" -> FakeServer.respond(r, ResultCode.EXCEPTION, "{:msg \"Expected.\", :trace [1]}".getBytes());
                case "bad-edn" -> FakeServer.respond(r, ResultCode.SUCCESS, "[1 2".getBytes());
                case "object-error" -> FakeServer.respond(r, ResultCode.EXCEPTION, "{:msg \"x\", :st #object[Foo]}".getBytes());
                default -> FakeServer.standard().on(r);
            }
        });
        SlackerClient c = client(builder(s));
        TestApi api = c.proxy(TestApi.class);

        assertThatThrownBy(api::fail).isExactlyInstanceOf(RemoteException.class)
            .hasMessage("java.lang.RuntimeException: boom");
        assertThatThrownBy(api::missing).isExactlyInstanceOf(NotFoundException.class).hasMessageContaining("test.api/missing");
        assertThatThrownBy(() -> c.call("t", "notfound-response", List.of())).isExactlyInstanceOf(NotFoundException.class)
            .hasMessageContaining("t/notfound-response");
        assertThatThrownBy(() -> c.call("t", "pool", List.of())).isExactlyInstanceOf(ThreadPoolFullException.class);
        assertThatThrownBy(() -> c.call("t", "canceled", List.of())).isExactlyInstanceOf(CanceledException.class);
        assertThatThrownBy(() -> c.call("t", "invalid", List.of())).isExactlyInstanceOf(RemoteProtocolException.class)
            .hasMessageContaining("invalid-packet");
        assertThatThrownBy(() -> c.call("t", "acl", List.of())).isExactlyInstanceOf(RemoteProtocolException.class)
            .hasMessageContaining("acl-reject");
        assertThatThrownBy(() -> c.call("t", "debug-error", List.of())).isExactlyInstanceOf(RemoteException.class)
            .hasMessage("Expected.");
        assertThatThrownBy(() -> c.call("t", "object-error", List.of())).isExactlyInstanceOf(RemoteException.class)
            .hasMessageContaining(":msg \"x\"").hasCauseInstanceOf(SlackerException.class);
        assertThatThrownBy(() -> c.call("t", "bad-edn", List.of())).isExactlyInstanceOf(SlackerException.class)
            .hasMessageContaining("cannot decode").hasCauseInstanceOf(SlackerException.class);
        assertThatThrownBy(() -> c.call("t", "echo", List.of(1L), CallOptions.defaults().withContentType(io.slacker.ContentType.JSON)))
            .isExactlyInstanceOf(SlackerException.class).hasMessageContaining("no serializer for content type json");
        // the connection survived all of it
        assertThat(api.echo("ok")).isEqualTo("ok");
        assertThat(s.connections.get()).isEqualTo(1);
    }

    @Test
    void lostConnectionFailsEveryPendingCallAtOnce() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s).timeout(Duration.ofSeconds(10)));
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(c.callAsync("test.api", "silent", List.of(i), CallOptions.defaults()));
        }
        for (int i = 0; i < 5; i++) {
            s.next(Frame.Request.class);
        }
        long start = System.nanoTime();
        s.dropConnections();
        for (CompletableFuture<Object> f : calls) {
            assertThat(failure(f)).isExactlyInstanceOf(ConnectionBrokenException.class).hasMessageContaining("lost");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(c.inFlight()).isZero();
        // the next call connects again
        assertThat(c.call("test.api", "echo", List.of("again"))).isEqualTo("again");
        assertThat(s.connections.get()).isEqualTo(2);
    }

    @Test
    void serverClosingOnARequestFailsItAtOnce() throws Exception {
        // what the Clojure server does for an unknown function without a not-found handler
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.Request q && q.fname().equals("no.such.ns/f")) {
                r.channel().close();
            } else {
                FakeServer.standard().on(r);
            }
        });
        SlackerClient c = client(builder(s).timeout(Duration.ofSeconds(10)));
        long start = System.nanoTime();
        // the hello named a Clojure slacker (0.18.0-SNAPSHOT): the message says what that means
        assertThatThrownBy(() -> c.call("no.such.ns", "f", List.of())).isExactlyInstanceOf(ConnectionBrokenException.class)
            .hasMessage("connection to " + s.address() + " lost: the server closed the connection; a Clojure slacker"
                + " server does that for an unknown function (server version 0.18.0-SNAPSHOT)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(c.call("test.api", "echo", List.of(7L))).isEqualTo(7L);
    }

    @Test
    void otherServersClosingOnARequestAreNotTakenForClojure() throws Exception {
        for (String hello : List.of("0.1.0", "1.18.0", "0.18", io.slacker.Version.get())) {
            FakeServer s = server(r -> {
                if (r.frame() instanceof Frame.ClientHello) {
                    r.channel().writeAndFlush(new Frame.ServerHello(6, 0, hello));
                } else if (r.frame() instanceof Frame.Request) {
                    r.channel().close();
                }
            });
            SlackerClient c = client(builder(s));
            assertThatThrownBy(() -> c.call("no.such.ns", "f", List.of())).as(hello)
                .isExactlyInstanceOf(ConnectionBrokenException.class)
                .hasMessage("connection to " + s.address() + " lost");
        }
    }

    @Test
    void timeoutFailsTheCallAndSendsAnInterrupt() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s));
        c.call("test.api", "echo", List.of(1L));
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.call("test.api", "silent", List.of(),
            CallOptions.defaults().withTimeout(Duration.ofMillis(200)).withInterruptOnTimeout(true)))
            .isExactlyInstanceOf(CallTimeoutException.class).hasMessageContaining("test.api/silent").hasMessageContaining("200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(180), Duration.ofSeconds(3));
        FakeServer.Received interrupt = s.next(Frame.Interrupt.class);
        assertThat(interrupt.frame()).isEqualTo(new Frame.Interrupt(6, 0, 2));
        assertThat(interrupt.raw()).containsExactly(0x06, 0, 0, 0, 0, 0x09, 0, 0, 0, 2);
        assertThat(c.inFlight()).isZero();

        // without interrupt-on-timeout (the client default here), nothing is sent
        assertThatThrownBy(() -> c.call("test.api", "silent", List.of(), CallOptions.defaults().withTimeout(Duration.ofMillis(100))))
            .isExactlyInstanceOf(CallTimeoutException.class);
        c.call("test.api", "echo", List.of(1L));
        assertThat(s.received).noneMatch(r -> r.frame() instanceof Frame.Interrupt);
    }

    @Test
    void anInterruptedBlockingCallThrowsAndKeepsTheFlag() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                c.call("test.api", "silent", List.of(), CallOptions.defaults().withTimeout(Duration.ofSeconds(30)));
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        s.next(Frame.Request.class); // the call is out and its caller waits
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isExactlyInstanceOf(SlackerException.class).hasMessage("interrupted while waiting for the answer");
        assertThat(flagKept).isTrue();
        assertThat(c.call("test.api", "echo", List.of(7L))).isEqualTo(7L);
    }

    @Test
    void backlogOverflowFailsAtOnce() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s).backlog(3));
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(c.callAsync("test.api", "silent", List.of(), CallOptions.defaults()));
        }
        CompletableFuture<Object> over = c.callAsync("test.api", "echo", List.of(1L), CallOptions.defaults());
        assertThat(over).isCompletedExceptionally();
        assertThat(failure(over)).isExactlyInstanceOf(BacklogOverflowException.class);
        assertThatThrownBy(() -> c.proxy(TestApi.class).echo("x")).isExactlyInstanceOf(BacklogOverflowException.class);
        assertThat(c.inFlight()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            s.next(Frame.Request.class);
        }
        s.dropConnections();
        for (CompletableFuture<Object> f : calls) {
            assertThat(failure(f)).isInstanceOf(ConnectionBrokenException.class);
        }
        assertThat(c.call("test.api", "echo", List.of(1L))).isEqualTo(1L);
    }

    @Test
    void repliesAreMatchedByTidOutOfOrder() throws Exception {
        List<FakeServer.Received> held = new CopyOnWriteArrayList<>();
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.Request) {
                held.add(r);
                if (held.size() == 3) {
                    for (int i = 2; i >= 0; i--) {
                        FakeServer.respond(held.get(i), FakeServer.args(held.get(i)).get(0));
                    }
                }
            } else {
                FakeServer.standard().on(r);
            }
        });
        SlackerClient c = client(builder(s));
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (long i = 0; i < 3; i++) {
            calls.add(c.callAsync("test.api", "echo", List.of(i), CallOptions.defaults()));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(calls.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((long) i);
        }
    }

    @Test
    void pongMayOvertakeAResponse() throws Exception {
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.Request q && q.fname().endsWith("/slow")) {
                r.channel().eventLoop().schedule(() -> FakeServer.respond(r, "slow"), 1_000, TimeUnit.MILLISECONDS);
            } else {
                FakeServer.standard().on(r);
            }
        });
        // pings every 300 ms: at least two go out (and their pongs come back) before the answer
        SlackerClient c = client(builder(s).pingInterval(Duration.ofMillis(300)));
        assertThat(c.call("test.api", "slow", List.of())).isEqualTo("slow");
        FakeServer.Received ping = s.next(Frame.Ping.class);
        assertThat(ping.raw()).containsExactly(0x06, 0, 0, 0, 0, 0x02);
        assertThat(s.connections.get()).isEqualTo(1);
    }

    @Test
    void missingPongClosesTheConnection() throws Exception {
        FakeServer s = server(r -> {
            if (!(r.frame() instanceof Frame.Ping)) {
                FakeServer.standard().on(r);
            }
        });
        SlackerClient c = client(builder(s).timeout(Duration.ofSeconds(10)).pingInterval(Duration.ofMillis(100)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.call("test.api", "silent", List.of())).isExactlyInstanceOf(ConnectionBrokenException.class)
            .hasMessageContaining("no pong");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void reconnectsAfterServerRestartOnTheSamePort() throws Exception {
        FakeServer first = new FakeServer(FakeServer.standard());
        int port = first.port();
        SlackerClient c = client(SlackerClient.builder().address("127.0.0.1", port).serializers(Serializers.builder().register(EdnSerializer.standard()).deriveDeflate(false).build())
            .timeout(Duration.ofSeconds(2)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        TestApi api = c.proxy(TestApi.class);
        assertThat(api.echo("one")).isEqualTo("one");
        first.close();

        assertThatThrownBy(() -> api.echo("down")).isExactlyInstanceOf(ConnectionBrokenException.class);
        // during the backoff after a failed attempt, calls fail at once
        long start = System.nanoTime();
        assertThatThrownBy(() -> api.echo("down")).isExactlyInstanceOf(ConnectionBrokenException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        FakeServer restarted = new FakeServer(port, null, FakeServer.standard());
        closeLater(restarted);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(ConnectionBrokenException.class)
            .until(() -> "two".equals(api.echo("two")));
        FakeServer.Received hello = restarted.received.poll(1, TimeUnit.SECONDS);
        assertThat(hello.frame()).isInstanceOf(Frame.ClientHello.class);
        // transaction ids go on from where they were (per client, not per connection)
        assertThat(restarted.next(Frame.Request.class).frame().tid()).isGreaterThan(1);
    }

    @Test
    void connectFailureIsAConnectionBrokenException() {
        SlackerClient c = client(SlackerClient.builder().address("127.0.0.1", 1).serializers(Serializers.builder().register(EdnSerializer.standard()).deriveDeflate(false).build())
            .connectTimeout(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> c.call("a", "b", List.of())).isExactlyInstanceOf(ConnectionBrokenException.class)
            .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void interceptorsRunInOrderAroundTheCall() throws Exception {
        FakeServer s = server(FakeServer.standard());
        List<String> log = new CopyOnWriteArrayList<>();
        Interceptor a = recorder("A", log);
        Interceptor b = new Interceptor() {
            @Override
            public void pre(CallContext call) {
                log.add("B.pre");
                call.args(List.of("changed by B"));
            }

            @Override
            public void before(CallContext call) {
                log.add("B.before");
            }

            @Override
            public void after(CallContext call) {
                log.add("B.after " + call.result());
            }

            @Override
            public void post(CallContext call) {
                log.add("B.post " + call.result());
                if (call.error() == null) {
                    call.result(call.result() + "!");
                }
            }
        };
        SlackerClient c = client(builder(s).interceptor(a).interceptor(b));
        assertThat(c.proxy(TestApi.class).echo("original")).isEqualTo("changed by B!!");
        assertThat(log).containsExactly("A.pre test.api/echo", "B.pre", "A.before", "B.before", "B.after null", "A.after",
            "B.post changed by B", "A.post changed by B!");
        assertThat(FakeServer.args(s.next(Frame.Request.class))).containsExactly("changed by B");

        log.clear();
        assertThatThrownBy(() -> c.call("test.api", "fail", List.of())).isInstanceOf(RemoteException.class);
        assertThat(log).last().asString().startsWith("A.post error io.slacker.RemoteException");
    }

    private static Interceptor recorder(String name, List<String> log) {
        return new Interceptor() {
            @Override
            public void pre(CallContext call) {
                log.add(name + ".pre " + call.fullName());
            }

            @Override
            public void before(CallContext call) {
                log.add(name + ".before");
            }

            @Override
            public void after(CallContext call) {
                log.add(name + ".after");
            }

            @Override
            public void post(CallContext call) {
                if (call.error() != null) {
                    log.add(name + ".post error " + call.error().getClass().getName());
                } else {
                    log.add(name + ".post " + call.result());
                    call.result(call.result() + "!");
                }
            }
        };
    }

    @Test
    void extensionsAndDeadlineRoundTrip() throws Exception {
        FakeServer s = server(FakeServer.standard());
        AtomicReference<Map<Integer, Object>> answered = new AtomicReference<>();
        SlackerClient c = client(builder(s).deadline(-1).timeout(Duration.ofSeconds(3)).interceptor(new Interceptor() {
            @Override
            public void after(CallContext call) {
                answered.set(new LinkedHashMap<>(call.extensions()));
            }
        }));
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put(Keyword.of("k"), List.of(1L, 2L));
        long before = System.currentTimeMillis();
        assertThat(c.call("test.api", "echo", List.of("v"), CallOptions.defaults().withExtension(16, value))).isEqualTo("v");
        Frame.Request q = (Frame.Request) s.next(Frame.Request.class).frame();
        assertThat(q.extensions()).hasSize(2);
        assertThat(q.extensions().get(0)).isEqualTo(new Extension(16, "{:k [1 2]}".getBytes()));
        assertThat(q.extensions().get(1).id()).isEqualTo(-1);
        long deadline = Long.parseLong(new String(q.extensions().get(1).value(), StandardCharsets.UTF_8));
        assertThat(deadline).isBetween(before + 3000, System.currentTimeMillis() + 3000);
        assertThat(answered.get()).containsEntry(16, value).containsEntry(-1, deadline);
    }

    @Test
    void aBeforeStageDecidesWithoutTheNetworkAndSeesTheEffectiveOptions() throws Exception {
        FakeServer s = server(FakeServer.standard());
        List<Duration> timeouts = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        SlackerClient c = client(builder(s).timeout(Duration.ofSeconds(4)).interceptor(new Interceptor() {
            @Override
            public void before(CallContext call) {
                assertThat(call.clientSide()).isTrue();
                timeouts.add(call.timeout());
                switch (call.function()) {
                    case "cached" -> call.result("from cache");
                    case "refused" -> call.error(new IllegalStateException("refused here"));
                    case "canceled" -> call.cancel();
                    default -> { }
                }
            }

            @Override
            public void post(CallContext call) {
                posts.add(call.function());
            }
        }));
        assertThat(c.call("test.api", "cached", List.of())).isEqualTo("from cache");
        assertThatThrownBy(() -> c.call("test.api", "refused", List.of())).isInstanceOf(IllegalStateException.class)
            .hasMessage("refused here");
        assertThatThrownBy(() -> c.call("test.api", "canceled", List.of())).isInstanceOf(CanceledException.class)
            .satisfies(e -> assertThat(((SlackerException) e).code()).isEqualTo(ErrorCode.CANCELED));
        assertThat(c.call("test.api", "echo", List.of("x"), CallOptions.defaults().withTimeout(Duration.ofMillis(1500))))
            .isEqualTo("x");
        assertThat(timeouts).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4),
            Duration.ofMillis(1500));
        assertThat(posts).containsExactly("cached", "refused", "canceled", "echo");
        // only the last call reached the server
        assertThat(((Frame.Request) s.next(Frame.Request.class).frame()).fname()).isEqualTo("test.api/echo");
        assertThat(s.received).noneMatch(r -> r.frame() instanceof Frame.Request);
    }

    @Test
    void protocolV5SendsNoHelloAndNoExtensions() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s).protocolVersion(5).deadline(-1));
        assertThat(c.call("test.api", "echo", List.of("x"), CallOptions.defaults().withExtension(1, "x"))).isEqualTo("x");
        FakeServer.Received first = s.received.poll(2, TimeUnit.SECONDS);
        assertThat(first.frame()).isInstanceOf(Frame.Request.class);
        assertThat(first.frame().version()).isEqualTo(5);
        assertThat(((Frame.Request) first.frame()).extensions()).isEmpty();
        assertThat(c.functions("test.api")).containsExactly("test.api/echo", "test.api/add");
        assertThat(s.next(Frame.InspectRequest.class).frame().version()).isEqualTo(5);
        // a v6 call on the same client, chosen per call
        assertThat(c.call("test.api", "echo", List.of("y"), CallOptions.defaults().withProtocolVersion(6))).isEqualTo("y");
        assertThat(s.next(Frame.Request.class).frame().version()).isEqualTo(6);
        assertThat(s.received).noneMatch(r -> r.frame() instanceof Frame.ClientHello);
    }

    @Test
    void inspect() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s));
        assertThat(c.functions(null)).containsExactly("test.api/echo", "test.api/add");
        assertThat(s.next(Frame.InspectRequest.class).raw()).containsExactly(0x06, 0, 0, 0, 1, 0x07, 0, 0, 3, 'n', 'i', 'l');
        assertThat(c.meta("test.api/echo").get(Keyword.of("doc"))).isEqualTo("echoes");
        Frame.InspectRequest meta = (Frame.InspectRequest) s.next(Frame.InspectRequest.class).frame();
        assertThat(new String(meta.data(), StandardCharsets.UTF_8)).isEqualTo("\"test.api/echo\"");
        assertThat(c.clients()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsKey(Keyword.of("connected-clients"));
        assertThat(io.slacker.internal.serialization.edn.EdnPrinter.standard().printUtf8("a\"b\\c")).asString(StandardCharsets.UTF_8).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void undecodableBytesFromTheServer() throws Exception {
        FakeServer s = server(r -> {
            if (r.frame() instanceof Frame.Request q && q.fname().endsWith("/garbage")) {
                FakeServer.writeRaw(r.channel(), new byte[] {7, 0, 0, 0, 1, 1});
            } else if (r.frame() instanceof Frame.Request q && q.fname().endsWith("/skippable")) {
                // a hello in v5 does not exist: skipped whole, then the real answer
                FakeServer.writeRaw(r.channel(), new byte[] {5, 0, 0, 0, 0, 11, 0, 0});
                FakeServer.respond(r, "fine");
            } else {
                FakeServer.standard().on(r);
            }
        });
        SlackerClient c = client(builder(s).timeout(Duration.ofSeconds(10)));
        assertThat(c.call("test.api", "skippable", List.of())).isEqualTo("fine");
        CompletableFuture<Object> pending = c.callAsync("test.api", "silent", List.of(), CallOptions.defaults());
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.call("test.api", "garbage", List.of())).isExactlyInstanceOf(ConnectionBrokenException.class)
            .hasMessageContaining("not a slacker frame");
        assertThat(failure(pending)).isExactlyInstanceOf(ConnectionBrokenException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(c.call("test.api", "echo", List.of(3L))).isEqualTo(3L);
    }

    @Test
    void blockingOnTheIoThreadFailsFast() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = client(builder(s));
        TestApi api = c.proxy(TestApi.class);
        AtomicReference<Throwable> inner = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        api.echoCallback("x", (v, e) -> {
            try {
                api.echo("nested");
            } catch (Throwable t) {
                inner.set(t);
            }
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inner.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("I/O thread");
    }

    @Test
    void closeFailsPendingCalls() throws Exception {
        FakeServer s = server(FakeServer.standard());
        SlackerClient c = builder(s).build();
        CompletableFuture<Object> f = c.callAsync("test.api", "silent", List.of(), CallOptions.defaults());
        s.next(Frame.Request.class);
        c.close();
        assertThat(failure(f)).isInstanceOf(ConnectionBrokenException.class);
        assertThatThrownBy(() -> c.call("test.api", "echo", List.of(1L))).isInstanceOf(ConnectionBrokenException.class);
    }
}
