package io.slacker.gateway;

import static io.slacker.gateway.GatewayFixture.NS;
import static io.slacker.gateway.GatewayFixture.get;
import static io.slacker.gateway.GatewayFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.slacker.cluster.ClusterServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settings, routes and keys read live from ZooKeeper: auth, rate limits, static, redirect, HTTP forward, CORS, host routing. */
class GatewayConfigTest {
    private static final String BASE = "/slacker/cluster/" + GatewayFixture.CLUSTER + "/gateway";
    private static TestingServer zk;
    private static ClusterServer server;
    private static CuratorFramework curator;
    private static HttpServer origin;
    private static Gateway gw;
    private static HttpClient http;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer(true);
        server = GatewayFixture.server(zk.getConnectString());
        curator = GatewayFixture.curator(zk.getConnectString());
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", ex -> {
            byte[] body = (ex.getRequestMethod() + " " + ex.getRequestURI() + " host=" + ex.getRequestHeaders().getFirst("X-Forwarded-Host")
                + " body=" + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.getResponseHeaders().set("X-Origin", "yes");
            ex.sendResponseHeaders(201, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        origin.start();
        set("/routes/legacy", "{\"path\": \"/legacy\", \"type\": \"http\", \"url\": \"http://127.0.0.1:"
            + origin.getAddress().getPort() + "/v1\"}");
        set("/routes/old", "{\"path\": \"/old\", \"type\": \"redirect\", \"location\": \"/new\", \"status\": 301}");
        set("/routes/calc", "{\"path\": \"/calc\", \"type\": \"slacker\", \"namespace\": \"" + NS + "\"}");
        set("/routes/everyone", "{\"path\": \"/everyone\", \"namespace\": \"" + NS + "\", \"grouping\": \"all\","
            + " \"results\": \"map\"}");
        set("/settings", "{\"domain\": \"example.test\", \"cors\": {\"origins\": [\"https://app.test\"]},"
            + " \"responseHeaders\": {\"X-Served-By\": \"slacker-gateway\"}}");
        gw = GatewayFixture.gateway(zk.getConnectString()).start();
        port = gw.port();
        http = GatewayFixture.http();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, port, "/old").statusCode() == 301);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        server.close();
        origin.stop(0);
        curator.close();
        zk.close();
    }

    private static void set(String rel, String json) throws Exception {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        if (curator.checkExists().forPath(BASE + rel) == null) {
            curator.create().creatingParentsIfNeeded().forPath(BASE + rel, data);
        } else {
            curator.setData().forPath(BASE + rel, data);
        }
    }

    @Test
    void routesChangeLiveWithoutRestart() throws Exception {
        assertThat(get(http, port, "/hello").statusCode()).isEqualTo(404);
        set("/routes/hello", "{\"path\": \"/hello\", \"type\": \"static\", \"body\": \"hi\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, port, "/hello").statusCode() == 200);
        assertThat(get(http, port, "/hello").body()).isEqualTo("hi");
        set("/routes/hello", "{\"path\": \"/hello\", \"type\": \"static\", \"body\": \"hello again\", \"status\": 202}");
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, port, "/hello").body().equals("hello again"));
        assertThat(get(http, port, "/hello").statusCode()).isEqualTo(202);
        assertThat(get(http, port, "/_gateway/routes").body()).contains("\"hello\"");
        curator.delete().forPath(BASE + "/routes/hello");
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, port, "/hello").statusCode() == 404);
    }

    @Test
    void redirectsAndResponseHeaders() throws Exception {
        HttpResponse<String> r = get(http, port, "/old");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("/new");
        assertThat(r.headers().firstValue("X-Served-By")).hasValue("slacker-gateway");
    }

    @Test
    void forwardsToPlainHttpOrigins() throws Exception {
        HttpResponse<String> r = post(http, port, "/legacy/items?x=1", "payload");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Origin")).hasValue("yes");
        assertThat(r.body()).isEqualTo("POST /v1/items?x=1 host=127.0.0.1:" + port + " body=payload");
    }

    @Test
    void aRouteMayFixTheNamespace() throws Exception {
        assertThat(post(http, port, "/calc/add", "[20, 22]").body()).isEqualTo("42");
    }

    @Test
    void aRouteMaySetFanOut() throws Exception {
        HttpResponse<String> r = post(http, port, "/everyone/whoami", "[]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"127.0.0.1:" + server.server().port() + "\":" + server.server().port() + "}");
    }

    @Test
    void hostNamesTheService() throws Exception {
        List<String> r = GatewayFixture.raw(port, "POST /add HTTP/1.1\r\nHost: calc.example.test:8080\r\nContent-Length: 5\r\n\r\n[3,4]", 1);
        assertThat(r.get(0)).startsWith("HTTP/1.1 200").endsWith("7");
    }

    @Test
    void corsAllowsConfiguredOriginsAndAnswersPreflight() throws Exception {
        HttpResponse<String> ok = post(http, port, "/api/" + NS + "/add", "[1,1]", "Origin", "https://app.test");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.test");
        HttpResponse<String> other = post(http, port, "/api/" + NS + "/add", "[1,1]", "Origin", "https://evil.test");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        List<String> pre = GatewayFixture.raw(port, "OPTIONS /api/" + NS + "/add HTTP/1.1\r\nHost: x\r\nOrigin: https://app.test\r\n"
            + "Access-Control-Request-Method: POST\r\n\r\n", 1);
        assertThat(pre.get(0)).startsWith("HTTP/1.1 204").containsIgnoringCase("access-control-allow-methods: GET, POST, OPTIONS");
    }

    @Test
    void apiKeysFromZooKeeperAndTokenBucketPerKey() throws Exception {
        String path = "/api/" + NS + "/add";
        set("/keys/k-limited", "{\"rate\": 0.2, \"burst\": 2}");
        set("/keys/k-free", "");
        set("/settings", "{\"auth\": true, \"domain\": \"example.test\", \"cors\": {\"origins\": [\"https://app.test\"]},"
            + " \"responseHeaders\": {\"X-Served-By\": \"slacker-gateway\"}}");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> post(http, port, path, "[1,1]").statusCode() == 401);
            HttpResponse<String> none = post(http, port, path, "[1,1]");
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(post(http, port, path, "[1,1]", "X-API-Key", "wrong").statusCode()).isEqualTo(401);
            assertThat(post(http, port, path, "[1,1]", "Authorization", "Bearer k-free").statusCode()).isEqualTo(200);
            assertThat(post(http, port, path, "[1,1]", "X-API-Key", "k-limited").statusCode()).isEqualTo(200);
            assertThat(post(http, port, path, "[1,1]", "X-API-Key", "k-limited").statusCode()).isEqualTo(200);
            HttpResponse<String> limited = post(http, port, path, "[1,1]", "X-API-Key", "k-limited");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            // another key has its own bucket
            for (int i = 0; i < 5; i++) {
                assertThat(post(http, port, path, "[1,1]", "X-API-Key", "k-free").statusCode()).isEqualTo(200);
            }
            // a raised limit applies live
            set("/keys/k-limited", "{\"rate\": 1000, \"burst\": 1000}");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> post(http, port, path, "[1,1]", "X-API-Key", "k-limited").statusCode() == 200);
            // health needs no key
            assertThat(get(http, port, "/_gateway/health").statusCode()).isEqualTo(200);
        } finally {
            set("/settings", "{\"domain\": \"example.test\", \"cors\": {\"origins\": [\"https://app.test\"]},"
                + " \"responseHeaders\": {\"X-Served-By\": \"slacker-gateway\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> post(http, port, path, "[1,1]").statusCode() == 200);
        }
    }

    @Test
    void aBrokenConfigKeepsThePreviousOne() throws Exception {
        set("/routes/broken", "{not json");
        // the other routes still work, and a later good write applies
        assertThat(get(http, port, "/old").statusCode()).isEqualTo(301);
        set("/routes/broken", "{\"path\": \"/fixed\", \"type\": \"static\", \"body\": \"ok\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, port, "/fixed").statusCode() == 200);
        curator.delete().forPath(BASE + "/routes/broken");
    }

    @Test
    void fixedConfigFromJsonWithoutZooKeeperConfig() throws Exception {
        GatewayConfig c = GatewayConfig.fromJson("{\"routes\": {\"ping\": {\"path\": \"/ping\", \"type\": \"static\", \"body\": \"pong\"}}}");
        try (Gateway fixed = GatewayFixture.gateway(zk.getConnectString()).config(c).start()) {
            assertThat(get(http, fixed.port(), "/ping").body()).isEqualTo("pong");
            // the ZooKeeper routes are not used
            assertThat(get(http, fixed.port(), "/old").statusCode()).isEqualTo(404);
            assertThat(post(http, fixed.port(), "/api/" + NS + "/add", "[1,2]").body()).isEqualTo("3");
        }
    }
}
