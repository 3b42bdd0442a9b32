package io.slacker.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.SlackerServer;
import io.slacker.spi.RemoteFunction;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import io.slacker.gateway.Gateway;
import io.slacker.gateway.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Gateway request meters and GET /metrics on a real gateway, a real ZooKeeper and a real cluster node. */
class GatewayMetricsTest {
    private static final String NS = "gateway.metrics";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(Gateway gw, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + path))
            .timeout(Duration.ofSeconds(20)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsCountedByRouteAndStatusClassAndScrapedFromTheGateway() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TestingServer zk = new TestingServer();
             ClusterServer node = ClusterServer.builder()
                 .server(SlackerServer.builder().host("127.0.0.1").port(0)
                     .expose(NS, Map.<String, RemoteFunction>of("ping", args -> "pong")))
                 .zookeeper(zk.getConnectString()).cluster("gwm").node("127.0.0.1")
                 .sessionTimeout(Duration.ofSeconds(3)).gracePeriod(Duration.ofMillis(100)).start();
             ClusterClient probe = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster("gwm").build();
             Gateway gw = Gateway.builder().host("127.0.0.1").port(0).zookeeper(zk.getConnectString()).cluster("gwm")
                 .prefix("/api").config(GatewayConfig.fromJson(
                     "{\"routes\": {\"hello\": {\"path\": \"/hello\", \"type\": \"static\", \"status\": 200, \"body\": \"hi\"}}}"))
                 .extension(GatewayMetrics.prometheus(registry)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.servers(NS).size() == 1);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = send(gw, "POST", "/api/" + NS + "/ping", "[]");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("\"pong\"");
            }
            // unknown namespaces and functions: 404 under the one default label, not one series per name
            assertThat(send(gw, "POST", "/api/no.such/ns", "[]").statusCode()).isEqualTo(404);
            assertThat(send(gw, "POST", "/api/other.ns/x", "[]").statusCode()).isEqualTo(404);
            assertThat(send(gw, "GET", "/hello", null).statusCode()).isEqualTo(200);
            assertThat(send(gw, "GET", "/nowhere", null).statusCode()).isEqualTo(404);

            HttpResponse<String> scrape = send(gw, "GET", "/metrics", null);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type")).hasValue(SlackerPrometheus.CONTENT_TYPE);
            assertThat(scrape.body())
                .contains("slacker_gateway_requests_seconds_count{route=\"default\",status=\"2xx\"} 3")
                .contains("slacker_gateway_requests_seconds_count{route=\"default\",status=\"4xx\"} 2")
                .contains("slacker_gateway_requests_seconds_count{route=\"hello\",status=\"2xx\"} 1")
                .doesNotContain("no.such").doesNotContain("other.ns");
            // the scrape itself is counted (as it is answered), under the gateway's own label
            assertThat(send(gw, "GET", "/metrics", null).body())
                .contains("slacker_gateway_requests_seconds_count{route=\"_gateway\",status=\"2xx\"} 1");
            assertThat(registry.get(GatewayMetrics.REQUESTS).tags("route", "none", "status", "4xx").timer().count())
                .isEqualTo(1);
            assertThat(registry.get(GatewayMetrics.REQUESTS).timers()).hasSize(5);
        }
    }
}
