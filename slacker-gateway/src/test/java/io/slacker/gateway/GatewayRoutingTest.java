package io.slacker.gateway;

import static io.slacker.gateway.GatewayFixture.NS;
import static io.slacker.gateway.GatewayFixture.get;
import static io.slacker.gateway.GatewayFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slacker.cluster.ClusterServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing to slacker functions, fan-out, every error mapping and the filter chain, over real HTTP. */
class GatewayRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingServer zk;
    private static ClusterServer a;
    private static ClusterServer b;
    private static Gateway gw;
    private static HttpClient http;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer(true);
        a = GatewayFixture.server(zk.getConnectString());
        b = GatewayFixture.server(zk.getConnectString());
        Gateway.Builder builder = GatewayFixture.gateway(zk.getConnectString()).maxBodySize(1024)
            .callTimeout(java.time.Duration.ofMillis(1500));
        ProbeFilters.all().forEach(builder::filter);
        gw = builder.start();
        port = gw.port();
        http = GatewayFixture.http();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        for (ClusterServer s : new ClusterServer[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        zk.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void postsJsonArgumentsAndAnswersJson() throws Exception {
        HttpResponse<String> r = post(http, port, "/api/" + NS + "/add", "[2, 40]", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("42");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(r.headers().firstValue("X-Spi")).hasValue("yes");
        HttpResponse<String> traced = post(http, port, "/api/" + NS + "/add", "[2, 40]", "X-Request-Id", "trace-me-1");
        assertThat(traced.headers().firstValue("X-Request-Id")).hasValue("trace-me-1");
    }

    @Test
    void readsEdnAndTransitAndAnswersInTheAcceptedFormat() throws Exception {
        HttpResponse<String> edn = post(http, port, "/api/" + NS + "/pair", "[:a \"b\"]", "Content-Type", "application/edn",
            "Accept", "application/edn");
        assertThat(edn.statusCode()).isEqualTo(200);
        assertThat(edn.headers().firstValue("content-type")).hasValue("application/edn");
        assertThat(edn.body()).isEqualTo("[:a \"b\"]");

        HttpResponse<String> transit = post(http, port, "/api/" + NS + "/add", "[1,2]", "Content-Type",
            "application/transit+json", "Accept", "application/transit+json");
        assertThat(transit.statusCode()).isEqualTo(200);
        assertThat(transit.headers().firstValue("content-type")).hasValue("application/transit+json");
        assertThat(transit.body()).contains("3");

        HttpResponse<String> map = post(http, port, "/api/" + NS + "/info", "[]", "Accept", "application/edn");
        assertThat(map.body()).isEqualTo("{\"name\" \"calc\"}");
    }

    @Test
    void getTakesArgumentsFromTheQuery() throws Exception {
        String args = URLEncoder.encode("[\"hi\"]", StandardCharsets.UTF_8);
        HttpResponse<String> r = get(http, port, "/api/" + NS + "/echo?args=" + args);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"hi\"");
        assertThat(get(http, port, "/api/" + NS + "/info").body()).isEqualTo("{\"name\":\"calc\"}");
    }

    @Test
    void fansOutToEveryServer() throws Exception {
        HttpResponse<String> map = post(http, port, "/api/" + NS + "/whoami?grouping=all&results=map", "[]");
        assertThat(map.statusCode()).isEqualTo(200);
        JsonNode m = json(map);
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.get("127.0.0.1:" + a.server().port()).asLong()).isEqualTo(a.server().port());
        assertThat(m.get("127.0.0.1:" + b.server().port()).asLong()).isEqualTo(b.server().port());

        JsonNode v = json(post(http, port, "/api/" + NS + "/whoami?grouping=all&results=vector", "[]"));
        assertThat(v.isArray()).isTrue();
        assertThat(List.of(v.get(0).asLong(), v.get(1).asLong()))
            .containsExactlyInAnyOrder((long) a.server().port(), (long) b.server().port());

        assertThat(post(http, port, "/api/" + NS + "/whoami?grouping=sideways", "[]").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownNamespaceOrFunctionIs404() throws Exception {
        HttpResponse<String> ns = post(http, port, "/api/no.such.ns/add", "[]");
        assertThat(ns.statusCode()).isEqualTo(404);
        assertThat(json(ns).get("error").asText()).isEqualTo("not-found");
        HttpResponse<String> fn = post(http, port, "/api/" + NS + "/nope", "[]");
        assertThat(fn.statusCode()).isEqualTo(404);
        assertThat(json(fn).get("message").asText()).contains("nope");
        assertThat(post(http, port, "/elsewhere", "[]").statusCode()).isEqualTo(404);
    }

    @Test
    void badArgumentsAre400() throws Exception {
        HttpResponse<String> arity = post(http, port, "/api/" + NS + "/add", "[1]");
        assertThat(arity.statusCode()).isEqualTo(400);
        assertThat(json(arity).get("error").asText()).isEqualTo("bad-arguments");
        assertThat(post(http, port, "/api/" + NS + "/add", "{\"a\":1}").statusCode()).isEqualTo(400);
        assertThat(post(http, port, "/api/" + NS + "/add", "[1, 2").statusCode()).isEqualTo(400);
        assertThat(post(http, port, "/api/" + NS + "/add", "[\"x\", 2]").statusCode()).isEqualTo(400);
        assertThat(post(http, port, "/api/" + NS + "/add", "[1,2]", "Content-Type", "text/csv").statusCode()).isEqualTo(415);
    }

    @Test
    void remoteExceptionIs500WithJsonBody() throws Exception {
        HttpResponse<String> r = post(http, port, "/api/" + NS + "/boom", "[\"kaput\"]");
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo("remote-exception");
        assertThat(body.get("message").asText()).contains("kaput");
        assertThat(body.get("data").get("function").asText()).isEqualTo("/" + NS + "/boom");
    }

    @Test
    void slowCallIs504() throws Exception {
        var slow = http.sendAsync(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/" + NS + "/slow"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[4000]")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = slow.get();
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(json(r).get("error").asText()).isEqualTo("timeout");
    }

    @Test
    void bodyOverTheLimitIs413AndOversizedUriIs414() throws Exception {
        String big = "[\"" + "x".repeat(2000) + "\"]";
        HttpResponse<String> tooBig = post(http, port, "/api/" + NS + "/echo", big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(json(tooBig).get("error").asText()).isEqualTo("payload-too-large");
        List<String> r = GatewayFixture.raw(port, "GET /api/" + "x".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        assertThat(r).hasSize(1);
        assertThat(r.get(0)).startsWith("HTTP/1.1 414");
        List<String> h = GatewayFixture.raw(port, "GET /api/a/b HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9000) + "\r\n\r\n", 1);
        assertThat(h.get(0)).startsWith("HTTP/1.1 431");
        List<String> junk = GatewayFixture.raw(port, "NOT HTTP AT ALL\r\n\r\n", 1);
        assertThat(junk.get(0)).startsWith("HTTP/1.1 400");
    }

    @Test
    void filtersRunPreByOrderThenRouteThenPostAndCustomTypesOnRequest() throws Exception {
        HttpResponse<String> r = post(http, port, "/api/" + NS + "/add", "[1, 2]", "X-Probe", "1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Trace")).hasValue("pre50,pre550:" + NS + ",audit,route1005:200");
        // without the header the probes' criteria are false: no trace at all
        assertThat(post(http, port, "/api/" + NS + "/add", "[1, 2]").headers().firstValue("X-Trace")).isEmpty();
    }

    @Test
    void aThrowingFilterGoesToErrorFiltersThenPost() throws Exception {
        HttpResponse<String> r = post(http, port, "/api/" + NS + "/add", "[1, 2]", "X-Fail", "1", "X-Probe", "1");
        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(json(r).get("error").asText()).isEqualTo("teapot");
        assertThat(r.headers().firstValue("X-Error-Seen")).hasValue("GatewayException");
        // pre filters after the failure and the route did not run; post did
        assertThat(r.headers().firstValue("X-Trace")).hasValue("pre50,pre550:" + NS + ",audit");
        assertThat(r.headers().firstValue("X-Spi")).hasValue("yes");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        String slow = "POST /api/" + NS + "/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n[300]";
        String fast = "POST /api/" + NS + "/add HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n[1,2]";
        String health = "GET /_gateway/health HTTP/1.1\r\nHost: x\r\n\r\n";
        List<String> r = GatewayFixture.raw(port, slow + fast + health, 3);
        assertThat(r).hasSize(3);
        assertThat(r.get(0)).startsWith("HTTP/1.1 200").endsWith("300");
        assertThat(r.get(1)).startsWith("HTTP/1.1 200").endsWith("3");
        assertThat(r.get(2)).startsWith("HTTP/1.1 200").contains("\"UP\"");
    }

    @Test
    void routesEndpointListsTheFilterTable() throws Exception {
        JsonNode r = json(get(http, port, "/_gateway/routes"));
        List<String> names = new java.util.ArrayList<>();
        r.get("filters").forEach(f -> names.add(f.get("type").asText() + ":" + f.get("order").asInt() + ":" + f.get("name").asText()));
        assertThat(names).contains("pre:100:CorsFilter", "pre:500:ServiceDetectionFilter", "route:1000:SlackerRouteFilter",
            "route:1010:HttpForwardFilter", "error:0:ErrorRenderFilter", "post:950:SpiFilter");
    }
}
