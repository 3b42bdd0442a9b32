package io.slacker.gateway;

import static io.slacker.gateway.GatewayFixture.NS;
import static io.slacker.gateway.GatewayFixture.get;
import static io.slacker.gateway.GatewayFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.cluster.ClusterServer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A backend dying under load, ZooKeeper going away, no server at all, and a graceful stop. */
class GatewayResilienceTest {
    private TestingServer zk;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = GatewayFixture.http();

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        zk.close();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Test
    void aBackendKilledMidLoadGivesFailoverOr503AndNothingHangs() throws Exception {
        ClusterServer a = keep(GatewayFixture.server(zk.getConnectString()));
        ClusterServer b = keep(GatewayFixture.server(zk.getConnectString()));
        Gateway gw = keep(GatewayFixture.gateway(zk.getConnectString()).failover(1).start());
        String url = "http://127.0.0.1:" + gw.port() + "/api/" + NS + "/whoami";
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger answeredByB = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger afterKill = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 150; i++) {
                    boolean late = killed.get();
                    HttpResponse<String> r;
                    try {
                        r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new AssertionError("request failed: " + e, e);
                    }
                    statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 503) {
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    }
                    if (r.statusCode() == 200 && r.body().equals(String.valueOf(b.server().port()))) {
                        answeredByB.incrementAndGet();
                    }
                    if (late && r.statusCode() == 200) {
                        afterKill.incrementAndGet();
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> answeredByB.get() > 20);
        // the process dies: its sockets close, its ZooKeeper registration lingers for now
        b.server().stop(Duration.ZERO);
        killed.set(true);
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(statuses.keySet()).isSubsetOf(200, 503);
        assertThat(afterKill.get()).isPositive();
        // later calls all go to the survivor
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = post(http, gw.port(), "/api/" + NS + "/whoami", "[]");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(String.valueOf(a.server().port()));
        }
    }

    @Test
    void aHangingBackendCallBlocksNothingElse() throws Exception {
        keep(GatewayFixture.server(zk.getConnectString()));
        Gateway gw = keep(GatewayFixture.gateway(zk.getConnectString()).callTimeout(Duration.ofMinutes(2)).ioThreads(1).start());
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gw.port() + "/api/" + NS + "/hold")).POST(HttpRequest.BodyPublishers.ofString("[]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.inFlight() == 1);
        // one I/O thread, and still every other request is answered while the call hangs
        for (int i = 0; i < 20; i++) {
            assertThat(post(http, gw.port(), "/api/" + NS + "/add", "[" + i + ", 1]").body()).isEqualTo(String.valueOf(i + 1));
        }
        assertThat(get(http, gw.port(), "/_gateway/health").statusCode()).isEqualTo(200);
        assertThat(held.isDone()).isFalse();
        CalcApi.Impl.GATE.countDown();
        assertThat(held.get(20, java.util.concurrent.TimeUnit.SECONDS).body()).isEqualTo("\"released\"");
    }

    @Test
    void aFilterThatNeverFinishesGets504AndTheConnectionCloses() throws Exception {
        Gateway gw = keep(GatewayFixture.gateway(zk.getConnectString()).callTimeout(Duration.ofMillis(200))
            .filter(GatewayFilter.of(FilterType.PRE, 10, ctx -> ctx.path().equals("/stuck"),
                ctx -> ctx.await(new CompletableFuture<Void>())))
            .start());
        List<String> r = GatewayFixture.raw(gw.port(), "GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        assertThat(r.get(0)).startsWith("HTTP/1.1 504").contains("\"error\":\"timeout\"");
        assertThat(get(http, gw.port(), "/_gateway/health").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.inFlight() == 0);
    }

    @Test
    void noServerIs503WithRetryAfter() throws Exception {
        ClusterServer a = GatewayFixture.server(zk.getConnectString());
        Gateway gw = keep(GatewayFixture.gateway(zk.getConnectString()).start());
        assertThat(post(http, gw.port(), "/api/" + NS + "/add", "[1,2]").statusCode()).isEqualTo(200);
        a.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> post(http, gw.port(), "/api/" + NS + "/add", "[1,2]").statusCode() == 503);
        HttpResponse<String> r = post(http, gw.port(), "/api/" + NS + "/add", "[1,2]");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).contains("\"error\":\"unavailable\"");
    }

    @Test
    void healthIsReadyOnlyWhileZooKeeperIsConnected() throws Exception {
        Gateway gw = keep(GatewayFixture.gateway(zk.getConnectString()).start());
        assertThat(get(http, gw.port(), "/_gateway/health").statusCode()).isEqualTo(200);
        zk.stop();
        await().atMost(Duration.ofSeconds(40)).until(() -> get(http, gw.port(), "/_gateway/health").statusCode() == 503);
        assertThat(get(http, gw.port(), "/_gateway/health").body()).contains("DOWN");
        zk.restart();
        await().atMost(Duration.ofSeconds(40)).until(() -> get(http, gw.port(), "/_gateway/health").statusCode() == 200);
    }

    @Test
    void gracefulStopFinishesRequestsInProgressThenRefuses() throws Exception {
        keep(GatewayFixture.server(zk.getConnectString()));
        Gateway gw = GatewayFixture.gateway(zk.getConnectString()).start();
        int port = gw.port();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/" + NS + "/slow")).POST(HttpRequest.BodyPublishers.ofString("[800]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.inFlight() == 1);
        gw.close();
        HttpResponse<String> r = slow.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("800");
        assertThatThrownBy(() -> post(HttpClient.newHttpClient(), port, "/api/" + NS + "/add", "[1,2]"))
            .isInstanceOf(ConnectException.class);
    }
}
