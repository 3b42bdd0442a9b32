package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.CallOptions;
import io.slacker.CallTimeoutException;
import io.slacker.Callback;
import io.slacker.ContentType;
import io.slacker.FireAndForget;
import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.ThreadPoolFullException;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.examples.api.ExampleApi;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.testkit.TestTls;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client against our server over loopback, in every content type. */
class ClientServerTest {
    private static ExampleApiImpl impl;
    private static SlackerServer server;

    /** A client-side view of the example namespace: callbacks and fire-and-forget. */
    @Namespace("slacker.example.api")
    public interface ClientViews {
        @Function("timestamp")
        void timestamp(Callback<Long> callback);

        @FireAndForget
        @Function("inc-m")
        void incMLater(long amount);

        @Function("get-m")
        long getM();

        @Function("timestamp")
        CompletableFuture<Long> timestampAsync();
    }

    /** A record travelling as a map with keyword keys. */
    public record Order(String id, long quantity, Status status, List<String> tags) {
    }

    /** An enum travelling as a keyword. */
    public enum Status { NEW, IN_PROGRESS }

    /** Records and enums as parameters and results. */
    @Namespace("test.orders")
    public interface Orders {
        Order advance(Order order);
    }

    @BeforeAll
    static void start() {
        impl = new ExampleApiImpl();
        server = ExampleFunctions.exampleServer(impl).host("127.0.0.1").port(0)
            .expose(Orders.class, o -> new Order(o.id(), o.quantity() + 1, Status.IN_PROGRESS, o.tags()))
            .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SlackerClient client(ContentType ct) {
        return SlackerClient.builder().address("127.0.0.1", server.port()).contentType(ct).timeout(Duration.ofSeconds(5))
            .build();
    }

    @ParameterizedTest
    @EnumSource(ContentType.class)
    void theExampleApiInEveryContentType(ContentType ct) throws Exception {
        try (SlackerClient c = client(ct)) {
            ExampleApi api = c.proxy(ExampleApi.class);
            long before = System.currentTimeMillis();
            assertThat(api.timestamp()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
            assertThat(api.randInts(5)).hasSize(5).allSatisfy(n -> assertThat(n).isNotNegative());
            long m = api.getM();
            assertThat(api.incM(5)).isEqualTo(m + 5);
            assertThat(api.echo("héllo ✓")).isEqualTo("héllo ✓");
            assertThat(api.echo(1L, "two")).containsExactly(1L, "two");
            assertThat(api.returnNil()).isNull();
            assertThat(api.returnZero()).isZero();
            assertThat(api.asyncResult().get(5, TimeUnit.SECONDS)).isEqualTo("Deferred result.");
            assertThatThrownBy(api::makeError).isInstanceOf(RemoteException.class)
                .hasMessage("java.lang.RuntimeException: Expected exception.");
            assertThatThrownBy(() -> api.asyncException().join()).hasCauseInstanceOf(RemoteException.class)
                .hasMessageContaining("Expected error in async fn.");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"CLJ", "NIPPY", "TRANSIT_JSON", "TRANSIT_MSGPACK", "DEFLATE_CLJ"})
    void theClojureDataModelRoundTrips(ContentType ct) {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put(Keyword.of("kw"), Keyword.of("my.ns", "bar"));
        value.put(Keyword.of("sym"), Symbol.of("clojure.core", "inc"));
        value.put(Keyword.of("ratio"), Ratio.of(1, 3));
        value.put(Keyword.of("big"), new BigInteger("123456789012345678901234567890"));
        value.put(Keyword.of("dec"), new BigDecimal("3.14159"));
        value.put(Keyword.of("inst"), Instant.parse("2020-01-02T03:04:05.678Z"));
        value.put(Keyword.of("uuid"), UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
        value.put(Keyword.of("set"), Set.of(1L));
        value.put(Keyword.of("list"), io.slacker.data.ClojureList.of(1L, "x"));
        value.put(Keyword.of("nested"), List.of(Map.of("a", List.of(1L, 2.5, true)), new ArrayList<>(List.of())));
        value.put(Keyword.of("char"), 'é');
        try (SlackerClient c = client(ct)) {
            assertThat(c.call("slacker.example.api", "echo", List.of(value))).isEqualTo(value);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"CLJ", "JSON", "NIPPY", "TRANSIT_JSON"})
    void recordsAndEnumsTravelAsMapsAndKeywords(ContentType ct) {
        try (SlackerClient c = client(ct)) {
            Order out = c.proxy(Orders.class).advance(new Order("o-1", 2, Status.NEW, List.of("a", "b")));
            assertThat(out).isEqualTo(new Order("o-1", 3, Status.IN_PROGRESS, List.of("a", "b")));
            // what a Clojure client sees: a map with keyword keys, the enum a keyword
            Object raw = c.call("test.orders", "advance", List.of(Map.of(Keyword.of("id"), "o-2",
                Keyword.of("quantity"), 1L, Keyword.of("status"), Keyword.of("new"), Keyword.of("tags"), List.of())));
            Map<?, ?> m = (Map<?, ?>) raw;
            assertThat(m.get(Keyword.of("quantity"))).isEqualTo(2L);
            Object status = m.get(Keyword.of("status"));
            assertThat(String.valueOf(status)).isIn(":in-progress", "in-progress");
        }
    }

    @Test
    void callbacksFireAndForgetAndAsync() throws Exception {
        try (SlackerClient c = client(ContentType.CLJ)) {
            ClientViews views = c.proxy(ClientViews.class);
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Long> ts = new AtomicReference<>();
            views.timestamp((v, err) -> {
                ts.set(v);
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ts.get()).isPositive();
            assertThat(views.timestampAsync().get(5, TimeUnit.SECONDS)).isPositive();
            long m = views.getM();
            views.incMLater(7);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> views.getM() == m + 7);
        }
    }

    @Test
    void serverErrorsMapToTheExceptionFamily() {
        try (SlackerClient c = client(ContentType.CLJ)) {
            assertThatThrownBy(() -> c.call("slacker.example.api2", "nope", List.of())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("slacker.example.api2/nope");
            assertThat(c.call("slacker.example.api", "no-such-fn", List.of(1L)))
                .isEqualTo(List.of("Function not found: ", "no-such-fn", List.of(1L)));
            // api2 runs on 1 thread + 1 queue slot: of three concurrent sleeps, one is refused
            List<CompletableFuture<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(c.callAsync("slacker.example.api2", "sleep", List.of(300L), CallOptions.defaults()));
            }
            long refused = calls.stream().filter(f -> {
                try {
                    f.join();
                    return false;
                } catch (java.util.concurrent.CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(ThreadPoolFullException.class);
                    return true;
                }
            }).count();
            assertThat(refused).isEqualTo(1);
            // the connection is fine afterwards
            assertThat(c.call("slacker.example.api2", "echo2", List.of("x"))).isEqualTo("x");
        }
    }

    @Test
    void aTimedOutCallIsInterruptedOnTheServer() {
        try (SlackerClient c = SlackerClient.builder().address("127.0.0.1", server.port()).timeout(Duration.ofMillis(300))
            .interruptOnTimeout(true).build()) {
            int before = server.inFlight();
            assertThatThrownBy(() -> c.proxy(ExampleApi.class).longRunning()).isInstanceOf(CallTimeoutException.class);
            // the worker was interrupted: nothing is left running on the server
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.inFlight() <= before);
            assertThat(c.proxy(ExampleApi.class).returnZero()).isZero();
        }
    }

    @Test
    void inspectThroughTheClient() {
        try (SlackerClient c = client(ContentType.CLJ)) {
            assertThat(c.functions("slacker.example.api")).contains("slacker.example.api/rand-ints",
                "slacker.example.api2/echo2");
            assertThat(c.functions("slacker.example.api2")).containsExactlyInAnyOrder("slacker.example.api2/echo2",
                "slacker.example.api2/sleep");
            Map<?, ?> meta = c.meta("slacker.example.api/rand-ints");
            assertThat(meta.get(Keyword.of("doc"))).isEqualTo("test collection result");
            assertThat(meta.get(Keyword.of("name"))).isEqualTo(Symbol.of("rand-ints"));
            assertThat(String.valueOf(c.clients())).contains(":connected-clients");
        }
    }

    @Test
    void protocolVersion5Calls() {
        try (SlackerClient c = SlackerClient.builder().address("127.0.0.1", server.port()).protocolVersion(5).build()) {
            assertThat(c.proxy(ExampleApi.class).echo("v5")).isEqualTo("v5");
            assertThat(c.functions("slacker.example.api2")).hasSize(2);
        }
    }

    @Test
    void extensionsComeBack() {
        try (SlackerClient c = client(ContentType.CLJ)) {
            Object r = c.call("slacker.example.api", "echo", List.of("v"),
                CallOptions.defaults().withExtension(16, Map.of(Keyword.of("k"), List.of(1L, 2L))));
            assertThat(r).isEqualTo("v");
        }
    }

    @Test
    void tlsEndToEnd() {
        try (SlackerServer tls = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0)
            .sslContext(TestTls.server()).start();
             SlackerClient c = SlackerClient.builder().address("127.0.0.1", tls.port()).sslContext(TestTls.client()).build()) {
            assertThat(c.proxy(ExampleApi.class).echo("over tls")).isEqualTo("over tls");
        }
    }
}
