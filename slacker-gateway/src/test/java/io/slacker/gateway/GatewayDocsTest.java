package io.slacker.gateway;

import static io.slacker.gateway.GatewayFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cluster.ClusterServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The Java snippet of docs/gateway.md (user filters from the builder), run. */
class GatewayDocsTest {
    @Test
    void userFiltersFromTheGuide() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             ClusterServer server = GatewayFixture.server(zk.getConnectString());
             Gateway gw = Gateway.builder().host("127.0.0.1").port(0).zookeeper(zk.getConnectString())
                 .cluster(GatewayFixture.CLUSTER).prefix("/api")
                 .filter(GatewayFilter.of(FilterType.PRE, 450,
                     ctx -> ctx.path().startsWith("/api/internal."),
                     ctx -> { throw new GatewayException(403, "forbidden", "internal namespace"); }))
                 .filter(GatewayFilter.of(FilterType.POST, 900, ctx -> true,
                     ctx -> ctx.responseHeaders().set("X-Gateway", "slacker")))
                 .start()) {
            assertThat(server.namespaces()).contains(GatewayFixture.NS);
            HttpClient http = GatewayFixture.http();
            HttpResponse<String> denied = post(http, gw.port(), "/api/internal.admin/reset", "[]");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("\"error\":\"forbidden\"");
            assertThat(denied.headers().firstValue("X-Gateway")).hasValue("slacker");
            HttpResponse<String> ok = post(http, gw.port(), "/api/" + GatewayFixture.NS + "/add", "[1,2]");
            assertThat(ok.body()).isEqualTo("3");
            assertThat(ok.headers().firstValue("X-Gateway")).hasValue("slacker");
        }
    }
}
