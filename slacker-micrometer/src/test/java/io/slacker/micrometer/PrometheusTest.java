package io.slacker.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.SlackerClient;
import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on the HTTP transport serves the Prometheus registry; calls still work there. */
class PrometheusTest {
    @Test
    void scrapeShowsTheCallsMadeOverTcpAndHttp() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SlackerServer server = SlackerPrometheus.bind(SlackerServer.builder(), registry)
                .host("127.0.0.1").port(0).http(0)
                .expose("prom.test", Map.<String, RemoteFunction>of("inc", args -> ((Long) args.get(0)) + 1)).start();
             SlackerClient client = SlackerClient.builder().address("127.0.0.1", server.port()).build()) {
            assertThat(client.call("prom.test", "inc", List.of(1))).isEqualTo(2L);
            assertThat(client.call("prom.test", "inc", List.of(2))).isEqualTo(3L);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.httpPort();
            HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create(base + "/prom.test/inc.clj"))
                .POST(HttpRequest.BodyPublishers.ofString("[41]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(call.body()).isEqualTo("42");

            // the server records a call just after answering it: the HTTP answer can come first
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.headers().firstValue("content-type")).hasValue(SlackerPrometheus.CONTENT_TYPE);
                assertThat(scrape.body())
                    .contains("slacker_server_calls_seconds_count{content_type=\"clj\",function=\"inc\",namespace=\"prom.test\","
                        + "result=\"success\"} 3")
                    .contains("slacker_server_connections 1")
                    .contains("slacker_server_calls_seconds_bucket{");
            });
            // a POST to /metrics is a call of a function that does not exist, not a scrape
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void clientTimerHasAHistogramOnlyWhenAskedFor() throws Exception {
        assertThat(clientScrape(false)).contains("slacker_client_calls_seconds_count{")
            .doesNotContain("slacker_client_calls_seconds_bucket{");
        assertThat(clientScrape(true)).contains("slacker_client_calls_seconds_bucket{");
    }

    private static String clientScrape(boolean histograms) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        if (histograms) {
            registry.config().meterFilter(SlackerMetrics.clientHistograms());
        }
        try (SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0)
                .expose("prom.test", Map.<String, RemoteFunction>of("inc", args -> ((Long) args.get(0)) + 1)).start();
             SlackerClient client = SlackerMetrics.bind(SlackerClient.builder().address("127.0.0.1", server.port()), registry)
                 .build()) {
            assertThat(client.call("prom.test", "inc", List.of(1))).isEqualTo(2L);
            return registry.scrape();
        }
    }
}
