package io.slacker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slacker.cluster.ClusterServer;
import io.slacker.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The dashboard served by a real gateway under /_gateway/dashboard, against a real ZooKeeper and real nodes. */
class GatewayDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(Gateway gw, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + path))
            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> servers(Gateway gw) throws Exception {
        HttpResponse<String> r = get(gw, GatewayDashboard.PATH + "/api/cluster");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        List<String> out = new ArrayList<>();
        for (JsonNode s : JSON.readTree(r.body()).get("servers")) {
            out.add(s.get("address").asText());
        }
        return out;
    }

    @Test
    void pageAssetsAndLiveStateOnTheGatewayPort() throws Exception {
        try (TestingServer zk = new TestingServer()) {
            ClusterServer a = TestCluster.plainNode(zk.getConnectString());
            ClusterServer b = TestCluster.plainNode(zk.getConnectString());
            try (Gateway gw = Gateway.builder().host("127.0.0.1").port(0).zookeeper(zk.getConnectString())
                    .cluster(TestCluster.NAME).extension(GatewayDashboard.extension(Duration.ofMillis(500))).start()) {
                HttpResponse<String> page = get(gw, GatewayDashboard.PATH + "/");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
                assertThat(page.body()).contains("<html data-poll=\"500\"").contains("app.js");
                HttpResponse<String> js = get(gw, GatewayDashboard.PATH + "/app.js");
                assertThat(js.statusCode()).isEqualTo(200);
                assertThat(js.body()).contains("api/cluster");
                HttpResponse<String> bare = get(gw, GatewayDashboard.PATH);
                assertThat(bare.statusCode()).isEqualTo(308);
                assertThat(bare.headers().firstValue("location")).hasValue(GatewayDashboard.PATH + "/");
                assertThat(get(gw, GatewayDashboard.PATH + "/nope").statusCode()).isEqualTo(404);
                // the gateway's own endpoints still answer beside it
                assertThat(get(gw, "/_gateway/health").statusCode()).isEqualTo(200);
                assertThat(get(gw, "/_gateway/other").statusCode()).isEqualTo(404);

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(servers(gw)).containsExactlyInAnyOrder(a.address(), b.address()));
                b.close();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(servers(gw)).containsExactly(a.address()));
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
