package io.slacker.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.ThreadPoolFullException;
import io.slacker.CallTimeoutException;
import io.slacker.SlackerClient;
import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server and client meters after real calls over loopback. */
class MetricsTest {
    private static final String NS = "metrics.test";

    private final MeterRegistry serverRegistry = new SimpleMeterRegistry();
    private final MeterRegistry clientRegistry = new SimpleMeterRegistry();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private SlackerServer server;
    private SlackerClient client;

    @BeforeEach
    void start() {
        Map<String, RemoteFunction> fns = Map.of(
            "echo", args -> args.get(0),
            "boom", args -> {
                throw new IllegalStateException("boom");
            },
            "hold", args -> {
                holding.countDown();
                release.await(30, TimeUnit.SECONDS);
                return "released";
            },
            "block", args -> gate.await(30, TimeUnit.SECONDS));
        server = SlackerMetrics.bind(SlackerServer.builder(), serverRegistry)
            .host("127.0.0.1").port(0).threads(1).queueSize(0).expose(NS, fns).start();
        client = SlackerMetrics.bind(SlackerClient.builder().address("127.0.0.1", server.port()), clientRegistry).build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        gate.countDown();
        client.close();
        server.close();
    }

    private double serverCount(String fn, String result, String ct) {
        Timer t = serverRegistry.find("slacker.server.calls").tags("namespace", fn.equals("unknown") ? "unknown" : NS,
            "function", fn, "result", result, "content.type", ct).timer();
        return t == null ? 0 : t.count();
    }

    /**
     * The one worker has answered and is free again: with a queue of 0, a call arriving in the
     * instant between the answer and the worker's return would be refused as thread-pool-full.
     */
    private void workerFree() {
        await().atMost(Duration.ofSeconds(10))
            .until(() -> serverRegistry.get("slacker.server.workers.active").gauge().value() == 0);
    }

    @Test
    void serverAndClientCountCallsByFunctionResultAndContentType() {
        for (int i = 0; i < 3; i++) {
            workerFree();
            assertThat(client.call(NS, "echo", List.of(i))).isEqualTo(Long.valueOf(i));
        }
        workerFree();
        client.call(NS, "echo", List.of("x"), CallOptions.defaults().withContentType(ContentType.JSON));
        workerFree();
        assertThatThrownBy(() -> client.call(NS, "boom", List.of())).isInstanceOf(RemoteException.class);
        assertThatThrownBy(() -> client.call(NS, "no-such-fn", List.of())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.call("other.ns", "whatever", List.of())).isInstanceOf(NotFoundException.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(serverCount("echo", "success", "clj")).isEqualTo(3);
            assertThat(serverCount("echo", "success", "json")).isEqualTo(1);
            assertThat(serverCount("boom", "exception", "clj")).isEqualTo(1);
            assertThat(serverCount("unknown", "not-found", "clj")).isEqualTo(2);
        });
        // names callers made up never become tags
        assertThat(serverRegistry.find("slacker.server.calls").tag("function", "no-such-fn").timers()).isEmpty();
        assertThat(serverRegistry.find("slacker.server.calls").tag("namespace", "other.ns").timers()).isEmpty();
        assertThat(serverRegistry.get("slacker.server.connections").gauge().value()).isEqualTo(1);
        assertThat(serverRegistry.get("slacker.server.connections.opened").counter().count()).isEqualTo(1);
        assertThat(serverRegistry.get("slacker.server.bytes.received").counter().count()).isPositive();
        assertThat(serverRegistry.get("slacker.server.bytes.sent").counter().count()).isPositive();

        assertThat(clientRegistry.get("slacker.client.calls").tags("namespace", NS, "function", "echo",
            "result", "success", "content.type", "clj").timer().count()).isEqualTo(3);
        assertThat(clientRegistry.get("slacker.client.calls").tags("function", "boom", "result", "exception")
            .timer().count()).isEqualTo(1);
        assertThat(clientRegistry.get("slacker.client.calls").tags("namespace", "unknown", "function", "unknown",
            "result", "not-found").timer().count()).isEqualTo(2);
        assertThat(clientRegistry.find("slacker.client.calls").tag("function", "no-such-fn").timers()).isEmpty();
        assertThat(clientRegistry.get("slacker.client.connects").counter().count()).isEqualTo(1);
        assertThat(clientRegistry.get("slacker.client.reconnects").counter().count()).isZero();
    }

    @Test
    void busyPoolShowsInGaugesAndRejectedCallsAndTimeoutsAreCounted() throws Exception {
        CompletableFuture<Object> held = client.callAsync(NS, "hold", List.of(), CallOptions.defaults());
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(serverRegistry.get("slacker.server.calls.in.flight").gauge().value()).isEqualTo(1);
            assertThat(serverRegistry.get("slacker.server.workers.active").gauge().value()).isEqualTo(1);
        });
        assertThatThrownBy(() -> client.call(NS, "echo", List.of(1))).isInstanceOf(ThreadPoolFullException.class);
        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("released");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(serverRegistry.get("slacker.server.calls.rejected").counter().count()).isEqualTo(1);
            assertThat(serverCount("echo", "thread-pool-full", "clj")).isEqualTo(1);
            assertThat(serverCount("hold", "success", "clj")).isEqualTo(1);
            assertThat(serverRegistry.get("slacker.server.calls.in.flight").gauge().value()).isZero();
        });
        assertThat(clientRegistry.get("slacker.client.calls").tags("function", "echo", "result", "thread-pool-full")
            .timer().count()).isEqualTo(1);

        // "block" waits for the gate, opened only after the test: the call times out
        assertThatThrownBy(() -> client.call(NS, "block", List.of(), CallOptions.defaults()
            .withTimeout(Duration.ofMillis(200)))).isInstanceOf(CallTimeoutException.class);
        assertThat(clientRegistry.get("slacker.client.timeouts").counter().count()).isEqualTo(1);
        assertThat(clientRegistry.get("slacker.client.calls").tags("function", "block", "result", "timeout")
            .timer().count()).isEqualTo(1);
    }

    @Test
    void sameFunctionNameInTwoNamespacesAndFireAndForgetCalls() {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (SlackerServer two = SlackerServer.builder().host("127.0.0.1").port(0)
                .expose("a", Map.<String, RemoteFunction>of("f", args -> "a"))
                .expose("b", Map.<String, RemoteFunction>of("f", args -> "b")).start();
             SlackerClient c = SlackerMetrics.bind(SlackerClient.builder().address("127.0.0.1", two.port()), registry)
                 .build()) {
            assertThat(c.call("a", "f", List.of())).isEqualTo("a");
            assertThat(c.call("b", "f", List.of())).isEqualTo("b");
            assertThat(c.call("a", "f", List.of())).isEqualTo("a");
            c.fireAndForget("b", "f", List.of(), CallOptions.defaults());
            assertThat(registry.get("slacker.client.calls").tags("namespace", "a", "function", "f", "result", "success",
                "content.type", "clj").timer().count()).isEqualTo(2);
            assertThat(registry.get("slacker.client.calls").tags("namespace", "b", "function", "f").timer().count())
                .isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.get("slacker.client.fire.and.forget").tags("namespace", "b", "function", "f",
                    "result", "sent", "content.type", "clj").counter().count()).isEqualTo(1));
        }
    }

    @Test
    void clientCountsReconnects() {
        assertThat(client.call(NS, "echo", List.of(1))).isEqualTo(1L);
        int port = server.port();
        server.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(clientRegistry.get("slacker.client.disconnects").counter().count()).isEqualTo(1));
        server = SlackerServer.builder().host("127.0.0.1").port(port).expose(NS, Map.<String, RemoteFunction>of(
            "echo", args -> args.get(0))).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
            assertThat(client.call(NS, "echo", List.of(2))).isEqualTo(2L));
        assertThat(clientRegistry.get("slacker.client.reconnects").counter().count()).isEqualTo(1);
        assertThat(clientRegistry.get("slacker.client.connects").counter().count()).isEqualTo(2);
    }
}
