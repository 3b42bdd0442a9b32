package io.slacker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's JSON and event stream against a real ZooKeeper and real cluster nodes. */
class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "dashboard.greeter";

    private final HttpClient http = HttpClient.newHttpClient();
    private TestingServer zk;
    private ClusterServer metered;
    private ClusterServer plain;
    private Dashboard dashboard;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer();
        metered = TestCluster.meteredNode(zk.getConnectString());
        plain = TestCluster.plainNode(zk.getConnectString());
        dashboard = Dashboard.builder().zookeeper(zk.getConnectString()).cluster(TestCluster.NAME)
            .host("127.0.0.1").port(0).metricsInterval(Duration.ofMillis(300)).start();
    }

    @AfterEach
    void stop() throws Exception {
        dashboard.close();
        plain.close();
        metered.close();
        zk.close();
    }

    private String base() {
        return "http://127.0.0.1:" + dashboard.port();
    }

    private JsonNode state() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/cluster")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode server(JsonNode state, String address) {
        for (JsonNode s : state.get("servers")) {
            if (s.get("address").asText().equals(address)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void showsNamespacesServersLeaderDataFunctionsAndCallFigures() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode s = state();
            assertThat(s.get("connected").asBoolean()).isTrue();
            assertThat(s.get("servers")).hasSize(2);
            JsonNode ns = s.get("namespaces").get(0);
            assertThat(ns.get("name").asText()).isEqualTo(NS);
            assertThat(ns.get("servers")).hasSize(2);
            assertThat(ns.get("leader").asText()).isIn(metered.address(), plain.address());
            assertThat(ns.get("servers").get(0).asText()).isEqualTo(ns.get("leader").asText());
        });
        JsonNode s = state();
        JsonNode ns = s.get("namespaces").get(0);
        List<String> docs = new ArrayList<>();
        ns.get("functions").forEach(f -> docs.add(f.get("name").asText() + " " + f.get("arglists").asText() + " "
            + f.get("doc").asText()));
        assertThat(docs).containsExactlyInAnyOrder("greet ([name]) Says hello to someone.", "fail ([]) Fails on purpose.");
        JsonNode m = server(s, metered.address());
        assertThat(m.get("data").asText()).contains(":zone :a");
        assertThat(m.get("metricsUrl").asText()).isEqualTo("http://127.0.0.1:" + metered.server().httpPort() + "/metrics");
        assertThat(m.get("namespaces")).extracting(JsonNode::asText).containsExactly(NS);
        assertThat(server(s, plain.address()).get("metricsUrl").isNull()).isTrue();

        try (SlackerClient client = SlackerClient.builder().address(metered.address()).build()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(client.call(NS, "greet", List.of("x"))).isEqualTo("hello x");
                }
                try {
                    client.call(NS, "fail", List.of());
                } catch (RemoteException expected) {
                    // one failed call per round
                }
                JsonNode figures = server(state(), metered.address()).get("metrics");
                assertThat(figures.isNull()).isFalse();
                assertThat(figures.get("callsPerSecond").asDouble()).isPositive();
                assertThat(figures.get("errorRate").asDouble()).isPositive().isLessThan(1);
                assertThat(figures.get("p99Millis").asDouble()).isPositive();
            });
        }
    }

    @Test
    void eventStreamPushesTheStateAgainWhenAServerLeaves() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(state().get("servers")).hasSize(2));
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                r.body().filter(l -> l.startsWith("data: ")).forEach(l -> {
                    try {
                        events.add(JSON.readTree(l.substring(6)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (RuntimeException e) {
                // the stream was closed at the end of the test (or broke: the polls below then fail)
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        JsonNode first = events.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.get("servers")).hasSize(2);

        String gone = plain.address();
        plain.close();
        JsonNode e;
        do {
            e = events.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("an event without " + gone).isNotNull();
        } while (server(e, gone) != null);
        assertThat(e.get("servers")).hasSize(1);
        assertThat(e.get("namespaces").get(0).get("servers")).extracting(JsonNode::asText)
            .containsExactly(metered.address());
        assertThat(e.get("namespaces").get(0).get("leader").asText()).isEqualTo(metered.address());
        r.body().close();
    }

    @Test
    void unknownPathsAndMethodsAreRefusedAndAssetsServed() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\">").doesNotContain("http://", "https://");
        for (String asset : List.of("/app.js", "/app.css")) {
            HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base() + asset)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.body()).doesNotContain("http://", "https://");
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/nope")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/cluster"))
            .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(405);
    }
}
