package io.slacker.internal.server;

import static io.slacker.internal.server.Edn.bytes;
import static io.slacker.internal.server.Edn.request;
import static io.slacker.internal.server.Edn.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.DeadlineInterceptor;
import io.slacker.SlackerServer;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import io.slacker.spi.RemoteFunction;
import io.slacker.testkit.RawConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The call pipeline: interceptors, async results, executors, extensions, deadlines, interrupts. */
class ServerPipelineTest {

    private static Frame.Response response(RawConnection c, int tid) {
        Frame f = c.await(tid);
        assertThat(f).as("answer to tid %d", tid).isInstanceOf(Frame.Response.class);
        return (Frame.Response) f;
    }

    /** Waits (up to 10 s) until every call has ended: a worker counts its call done just after answering. */
    private static void awaitNoneInFlight(SlackerServer s) {
        for (int i = 0; i < 1000 && s.inFlight() > 0; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(s.inFlight()).isZero();
    }

    private static Interceptor recording(String name, List<String> log) {
        return new Interceptor() {
            @Override
            public void pre(CallContext call) {
                log.add(name + ".pre");
            }

            @Override
            public void before(CallContext call) {
                log.add(name + ".before " + call.args());
            }

            @Override
            public void after(CallContext call) {
                log.add(name + ".after " + call.result());
            }

            @Override
            public void post(CallContext call) {
                log.add(name + ".post");
            }
        };
    }

    @Test
    void interceptorsRunInOrderThenInReverse() {
        List<String> log = new CopyOnWriteArrayList<>();
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("inc", args -> ((Long) args.get(0)) + 1))
            .interceptor(recording("a", log)).interceptor(recording("b", log)).start();
             RawConnection c = new RawConnection(s.port())) {
            assertThat(text(response(c.send(request(1, "t/inc", "[41]")), 1).data())).isEqualTo("42");
            assertThat(log).containsExactly("a.pre", "b.pre", "a.before [41]", "b.before [41]", "b.after 42", "a.after 42",
                "b.post", "a.post");
        }
    }

    @Test
    void anInterceptorCanAnswerOrChangeTheResult() {
        Interceptor cache = new Interceptor() {
            @Override
            public void before(CallContext call) {
                if (call.args().equals(List.of(0L))) {
                    call.result("cached");
                }
            }

            @Override
            public void after(CallContext call) {
                if (call.result() instanceof Long l) {
                    call.result(l * 10);
                }
            }
        };
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("id", args -> args.get(0))).interceptor(cache).start();
             RawConnection c = new RawConnection(s.port())) {
            assertThat(text(response(c.send(request(1, "t/id", "[0]")), 1).data())).isEqualTo("\"cached\"");
            assertThat(text(response(c.send(request(2, "t/id", "[4]")), 2).data())).isEqualTo("40");
        }
    }

    @Test
    void asyncResultsDoNotHoldAWorker() {
        CompletableFuture<Object> pending = new CompletableFuture<>();
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(1).queueSize(1)
            .expose("t", Map.of("later", args -> pending, "now", args -> "now")).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(request(1, "t/later", "[]"));
            // the only worker is free again: a sync call is answered while the async one is pending
            assertThat(text(response(c.send(request(2, "t/now", "[]")), 2).data())).isEqualTo("\"now\"");
            pending.complete(List.of(1L, 2L));
            assertThat(text(response(c, 1).data())).isEqualTo("[1 2]");
        }
    }

    @Test
    void aFailedFutureIsAnExceptionResult() {
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("fail", args -> CompletableFuture.failedFuture(new IllegalStateException("async boom")))).start();
             RawConnection c = new RawConnection(s.port())) {
            Frame.Response r = response(c.send(request(1, "t/fail", "[]")), 1);
            assertThat(r.resultCode()).isEqualTo(ResultCode.EXCEPTION);
            assertThat(text(r.data())).isEqualTo("\"java.lang.IllegalStateException: async boom\"");
        }
    }

    @Test
    void aFullPoolAnswersThreadPoolFullAndPerNamespacePoolsAreSeparate() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RemoteFunction block = args -> {
            release.await(10, TimeUnit.SECONDS);
            return "released";
        };
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(2).queueSize(10)
            .expose("slow", Map.of("block", block)).executor("slow", 1, 1)
            .expose("fast", Map.of("ping", args -> "pong")).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(request(1, "slow/block", "[]"));
            c.send(request(2, "slow/block", "[]"));
            c.send(request(3, "slow/block", "[]"));
            assertThat(c.await(3)).isEqualTo(new Frame.Error(6, 3, ResultCode.THREAD_POOL_FULL));
            // the default pool is not affected by the namespace's pool
            assertThat(text(response(c.send(request(4, "fast/ping", "[]")), 4).data())).isEqualTo("\"pong\"");
            release.countDown();
            assertThat(text(response(c, 1).data())).isEqualTo("\"released\"");
            assertThat(text(response(c, 2).data())).isEqualTo("\"released\"");
        }
    }

    @Test
    void extensionsAreReadableByTheFunctionAndEchoedByteForByte() {
        RemoteFunction ext = args -> CallContext.current().extension(16);
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).expose("t", Map.of("ext", ext)).start();
             RawConnection c = new RawConnection(s.port())) {
            List<Extension> exts = List.of(new Extension(16, bytes("{:k [1 2]}")), new Extension(-32768, bytes("nil")));
            Frame.Response r = response(c.send(request(1, "t/ext", "[]", exts)), 1);
            assertThat(text(r.data())).isEqualTo("{:k [1 2]}");
            assertThat(r.extensions()).isEqualTo(exts);
        }
    }

    @Test
    void stackTracesOnRequest() {
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).sendStackTraces(true)
            .expose("t", Map.of("fail", args -> {
                throw new IllegalStateException("traced");
            })).start();
             RawConnection c = new RawConnection(s.port())) {
            Frame.Response r = response(c.send(request(1, "t/fail", "[]")), 1);
            assertThat(r.resultCode()).isEqualTo(ResultCode.EXCEPTION);
            assertThat(text(r.data())).startsWith("{:msg \"traced\", :stacktrace (\"").contains("ServerPipelineTest");
        }
    }

    @Test
    void aPassedDeadlineCancelsTheCall() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).interceptor(new DeadlineInterceptor(-1))
            .expose("t", Map.of("run", args -> ran.add("ran"))).start();
             RawConnection c = new RawConnection(s.port())) {
            long past = System.currentTimeMillis() - 1000;
            long future = System.currentTimeMillis() + 60_000;
            Frame.Response late = response(c.send(request(1, "t/run", "[]", List.of(new Extension(-1, bytes(Long.toString(past)))))), 1);
            assertThat(late.resultCode()).isEqualTo(ResultCode.CANCELED);
            assertThat(late.data()).isEmpty();
            assertThat(ran).isEmpty();
            Frame.Response ok = response(c.send(request(2, "t/run", "[]", List.of(new Extension(-1, bytes(Long.toString(future)))))), 2);
            assertThat(ok.resultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(ran).hasSize(1);
        }
    }

    @Test
    void anInterruptStopsTheWorkerSendsNothingAndKeepsTheConnection() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RemoteFunction sleepy = args -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "woke";
        };
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(1).queueSize(1)
            .expose("t", Map.of("sleep", sleepy, "hi", args -> "hi")).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(request(7, "t/sleep", "[]"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            c.send(new Frame.Interrupt(6, 0, 7));
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            // the single worker is free and the connection is up; nothing was sent for tid 7
            assertThat(text(response(c.send(request(8, "t/hi", "[]")), 8).data())).isEqualTo("\"hi\"");
            c.send(new Frame.Interrupt(6, 0, 12345)); // unknown tid: ignored
            c.send(new Frame.Ping(6, 0));
            assertThat(c.next()).isEqualTo(new Frame.Pong(6, 0));
            assertThat(c.unclaimed()).isEmpty();
            awaitNoneInFlight(s);
        }
    }

    @Test
    void interceptorsMayChangeTheDecodedArgumentsInPlaceAndAddAnswerExtensions() {
        Interceptor edit = new Interceptor() {
            @Override
            public void before(CallContext call) {
                call.args().set(0, 41L);
                call.args().add(1L);
            }

            @Override
            public void post(CallContext call) {
                call.extensions().put(7, "added");
            }
        };
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).interceptor(edit)
            .expose("t", Map.of("sum", args -> (Long) args.get(0) + (Long) args.get(1))).start();
             RawConnection c = new RawConnection(s.port())) {
            for (String payload : List.of("[0]", "(0)")) {
                Frame.Response r = response(c.send(request(1, "t/sum", payload)), 1);
                assertThat(text(r.data())).isEqualTo("42");
                assertThat(r.extensions()).isEqualTo(List.of(new Extension(7, bytes("\"added\""))));
            }
        }
    }

    @Test
    void anAnswerThatCannotBeEncodedIsLeftOutAndTheOthersGo() {
        Interceptor tooMany = new Interceptor() {
            @Override
            public void post(CallContext call) {
                if (call.function().equals("many")) {
                    for (int i = 0; i < 300; i++) {
                        call.extensions().put(i, i);
                    }
                }
            }
        };
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).interceptor(tooMany)
            .expose("t", Map.of("many", args -> "many", "ok", args -> "ok")).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(request(1, "t/many", "[]"));
            c.send(request(2, "t/ok", "[]"));
            assertThat(text(response(c, 2).data())).isEqualTo("\"ok\"");
            c.send(new Frame.Ping(6, 3));
            assertThat(c.await(3)).isEqualTo(new Frame.Pong(6, 3));
            // more than 255 extensions do not fit the frame: that answer was not sent
            assertThat(c.unclaimed()).isEmpty();
            awaitNoneInFlight(s);
        }
    }

    @Test
    void anInterruptedQueuedCallNeverRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        // room for the running call, the interrupted one and the last one
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(1).queueSize(2)
            .expose("t", Map.of("block", args -> {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
                return "released";
            }, "record", args -> ran.add("record " + args))).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(request(1, "t/block", "[]"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            c.send(request(2, "t/record", "[2]"));
            c.send(new Frame.Interrupt(6, 0, 2));
            c.send(new Frame.Ping(6, 3));
            assertThat(c.await(3)).isEqualTo(new Frame.Pong(6, 3));
            release.countDown();
            assertThat(text(response(c, 1).data())).isEqualTo("\"released\"");
            // the single worker has passed the interrupted call: the next one runs, 2 never did
            assertThat(text(response(c.send(request(4, "t/record", "[4]")), 4).data())).isEqualTo("true");
            assertThat(ran).containsExactly("record [4]");
            assertThat(c.unclaimed()).isEmpty();
            awaitNoneInFlight(s);
        }
    }

    @Test
    void anInterruptCancelsTheFutureOfAnAsyncCall() throws Exception {
        CompletableFuture<Object> pending = new CompletableFuture<>();
        CountDownLatch invoked = new CountDownLatch(1);
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("later", args -> {
                invoked.countDown();
                return pending;
            })).start();
             RawConnection c = new RawConnection(s.port())) {
            c.send(request(1, "t/later", "[]"));
            assertThat(invoked.await(5, TimeUnit.SECONDS)).isTrue();
            c.send(new Frame.Interrupt(6, 0, 1));
            c.send(new Frame.Ping(6, 2));
            assertThat(c.await(2)).isEqualTo(new Frame.Pong(6, 2));
            // canceled by the interrupt, or by the worker once it sees the call was interrupted
            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(c.unclaimed()).isEmpty();
            awaitNoneInFlight(s);
        }
    }

    @Test
    void aClosedConnectionLeavesTheFutureOfAnAsyncCallAlone() throws Exception {
        // e.g. a cached future other callers wait on too: losing one caller must not cancel it
        CompletableFuture<Object> shared = new CompletableFuture<>();
        CountDownLatch invoked = new CountDownLatch(1);
        CountDownLatch connectionGone = new CountDownLatch(1);
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(1)
            .expose("t", Map.of(
                "shared", args -> {
                    invoked.countDown();
                    connectionGone.await(10, TimeUnit.SECONDS);
                    return shared;
                },
                "echo", args -> args.get(0))).start();
             RawConnection other = new RawConnection(s.port())) {
            RawConnection c = new RawConnection(s.port());
            c.send(request(1, "t/shared", "[]"));
            assertThat(invoked.await(5, TimeUnit.SECONDS)).isTrue();
            c.close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> s.clients().size() == 1);
            connectionGone.countDown();
            // the single worker answers this only after the first call has handed over its future
            assertThat(text(response(other.send(request(2, "t/echo", "[2]")), 2).data())).isEqualTo("2");
            assertThat(shared).isNotCancelled().isNotDone();
            shared.complete("done");
            awaitNoneInFlight(s);
        }
    }

    @Test
    void aBurstOfAnswersFromManyWorkersArrivesComplete() {
        int calls = 3000;
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(4).queueSize(calls)
            .expose("t", Map.of("answer", args -> answer(((Long) args.get(0)).intValue()))).start();
             RawConnection c = new RawConnection(s.port())) {
            // mostly small answers (many to a buffer), some larger than a whole buffer of answers
            for (int tid = 1; tid <= calls; tid++) {
                c.send(request(tid, "t/answer", "[" + tid + "]"));
            }
            for (int tid = calls; tid >= 1; tid--) {
                assertThat(text(response(c, tid).data())).isEqualTo("\"" + answer(tid) + "\"");
            }
            assertThat(c.unclaimed()).isEmpty();
        }
    }

    private static String answer(int tid) {
        return "answer " + tid + (tid % 1000 == 0 ? "x".repeat(100_000) : "");
    }

    @Test
    void callsOfAClosedConnectionEndAndTheServerGoesOnServing() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).threads(2).queueSize(100)
            .expose("t", Map.of("block", args -> {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
                return "x".repeat(1000);
            }, "hi", args -> "hi")).start()) {
            try (RawConnection c = new RawConnection(s.port())) {
                for (int tid = 1; tid <= 50; tid++) {
                    c.send(request(tid, "t/block", "[]"));
                }
                assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            }
            release.countDown();
            try (RawConnection c = new RawConnection(s.port())) {
                assertThat(text(response(c.send(request(1, "t/hi", "[]")), 1).data())).isEqualTo("\"hi\"");
            }
            // the abandoned calls end without an answer to send (nothing leaks: the leak detector is paranoid)
            awaitNoneInFlight(s);
        }
    }

    @Test
    void aNamespaceCanRunOnTheIoThread() {
        RemoteFunction where = args -> Thread.currentThread().getName();
        try (SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("io", Map.of("where", where)).runOnIoThread("io")
            .expose("pool", Map.of("where", where)).start();
             RawConnection c = new RawConnection(s.port())) {
            assertThat(text(response(c.send(request(1, "io/where", "[]")), 1).data())).startsWith("\"slacker-io");
            assertThat(text(response(c.send(request(2, "pool/where", "[]")), 2).data())).startsWith("\"slacker-worker");
        }
    }
}
