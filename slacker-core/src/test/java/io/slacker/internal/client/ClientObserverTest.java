package io.slacker.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.CallOptions;
import io.slacker.CallTimeoutException;
import io.slacker.ContentType;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.spi.CallContext;
import io.slacker.spi.ClientObserver;
import io.slacker.spi.Interceptor;
import io.slacker.spi.RemoteFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A {@link ClientObserver} sees every call's outcome and duration, over a real server. */
class ClientObserverTest {
    /** The timeout of the call that stalls; the others get a long one (a first call under load can be slow). */
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(30);

    /** One {@code callCompleted} (or {@code callSent}, with {@code nanos == -1}). */
    record Seen(String ns, String fn, ContentType contentType, Throwable error, long nanos) {
    }

    static final class Recording implements ClientObserver {
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        @Override
        public void callCompleted(String namespace, String function, ContentType contentType, Throwable error,
                                  long durationNanos) {
            seen.add(new Seen(namespace, function, contentType, error, durationNanos));
        }

        @Override
        public void callSent(String namespace, String function, ContentType contentType, Throwable error) {
            seen.add(new Seen(namespace, function, contentType, error, -1));
        }
    }

    private final CompletableFuture<Object> never = new CompletableFuture<>();
    private final List<String> oneWay = new CopyOnWriteArrayList<>();
    private SlackerServer server;

    @BeforeEach
    void start() {
        server = SlackerServer.builder().host("127.0.0.1").port(0).shutdownTimeout(Duration.ofSeconds(1))
            .expose("t", Map.<String, RemoteFunction>of(
                "echo", args -> args.get(0),
                "boom", args -> {
                    throw new IllegalStateException("boom");
                },
                "stall", args -> never,
                "log", args -> oneWay.add((String) args.get(0))))
            .start();
    }

    @AfterEach
    void stop() {
        never.complete("late");
        server.close();
    }

    private SlackerClient.Builder builder(ClientObserver observer) {
        return SlackerClient.builder().address("127.0.0.1", server.port()).timeout(LONG).observer(observer);
    }

    /** Calls {@code t/fn} blocking or async; returns the failure, or null. */
    private static Throwable call(SlackerClient c, boolean blocking, String fn, Object arg) throws Exception {
        CallOptions options = CallOptions.defaults().withTimeout(fn.equals("stall") ? TIMEOUT : LONG);
        try {
            if (blocking) {
                c.call("t", fn, List.of(arg), options);
            } else {
                c.callAsync("t", fn, List.of(arg), options).get(40, TimeUnit.SECONDS);
            }
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void seesSuccessRemoteExceptionNotFoundAndTimeout(boolean blocking) throws Exception {
        Recording rec = new Recording();
        try (SlackerClient c = builder(rec).build()) {
            assertThat(call(c, blocking, "echo", "hi")).isNull();
            assertThat(call(c, blocking, "boom", "x")).isInstanceOf(RemoteException.class);
            assertThat(call(c, blocking, "nope", "x")).isInstanceOf(NotFoundException.class);
            assertThat(call(c, blocking, "stall", "x")).isInstanceOf(CallTimeoutException.class);
        }
        // each outcome is reported before the caller sees it
        assertThat(rec.seen).hasSize(4);
        assertThat(rec.seen).extracting(Seen::ns).containsOnly("t");
        assertThat(rec.seen).extracting(Seen::fn).containsExactly("echo", "boom", "nope", "stall");
        assertThat(rec.seen).extracting(Seen::contentType).containsOnly(ContentType.CLJ);
        assertThat(rec.seen.get(0).error()).isNull();
        assertThat(rec.seen.get(1).error()).isInstanceOf(RemoteException.class).hasMessageContaining("boom");
        assertThat(rec.seen.get(2).error()).isInstanceOf(NotFoundException.class);
        assertThat(rec.seen.get(3).error()).isInstanceOf(CallTimeoutException.class);
        assertThat(rec.seen).extracting(Seen::nanos).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(rec.seen.get(3).nanos()).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
    }

    @Test
    void fireAndForgetIsReportedAsSent() {
        Recording rec = new Recording();
        try (SlackerClient c = builder(rec).build()) {
            c.fireAndForget("t", "log", List.of("line"), CallOptions.defaults());
            await().atMost(Duration.ofSeconds(10)).until(() -> oneWay.contains("line"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !rec.seen.isEmpty());
        }
        assertThat(rec.seen).containsExactly(new Seen("t", "log", ContentType.CLJ, null, -1));
    }

    @Test
    void callsAnsweredByAnInterceptorAreReportedToo() throws Exception {
        Recording rec = new Recording();
        Interceptor cache = new Interceptor() {
            @Override
            public void before(CallContext call) {
                call.result("cached");
            }
        };
        try (SlackerClient c = builder(rec).interceptor(cache).build()) {
            assertThat(c.call("t", "echo", List.of("x"), CallOptions.defaults())).isEqualTo("cached");
        }
        assertThat(rec.seen).singleElement().satisfies(s -> {
            assertThat(s.fn()).isEqualTo("echo");
            assertThat(s.error()).isNull();
        });
    }

    @Test
    void aFailingObserverDoesNotFailTheCall() throws Exception {
        ClientObserver failing = new ClientObserver() {
            @Override
            public void callCompleted(String namespace, String function, ContentType contentType, Throwable error,
                                      long durationNanos) {
                throw new IllegalStateException("observer bug");
            }
        };
        try (SlackerClient c = builder(failing).build()) {
            assertThat(c.call("t", "echo", List.of("x"), CallOptions.defaults())).isEqualTo("x");
            assertThat(c.callAsync("t", "echo", List.of("y"), CallOptions.defaults()).get(10, TimeUnit.SECONDS))
                .isEqualTo("y");
            assertThatThrownBy(() -> c.call("t", "boom", List.of("x"), CallOptions.defaults()))
                .isInstanceOf(RemoteException.class);
        }
    }

    @Test
    void aCopiedBuilderKeepsTheObserver() throws Exception {
        Recording rec = new Recording();
        SlackerClient.Builder template = SlackerClient.builder().timeout(LONG).observer(rec);
        try (SlackerClient c = template.copy().address("127.0.0.1", server.port()).build()) {
            assertThat(c.call("t", "echo", List.of("x"), CallOptions.defaults())).isEqualTo("x");
        }
        assertThat(rec.seen).extracting(Seen::fn).containsExactly("echo");
    }
}
