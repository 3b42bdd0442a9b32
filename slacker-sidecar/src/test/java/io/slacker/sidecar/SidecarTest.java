package io.slacker.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.UnavailableException;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterConfig;
import io.slacker.data.Keyword;
import io.slacker.internal.serialization.edn.EdnReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Python app behind a real sidecar, called through the cluster and the local API. */
class SidecarTest {
    private static final String CLUSTER = "sidecar-cluster";
    private static final String NS = "my.py.svc";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestingServer zk;
    private PythonApp app;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        app = PythonApp.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        app.close();
        zk.close();
    }

    private Sidecar sidecar(List<String> functions) {
        Sidecar s = Sidecar.builder().zookeeper(zk.getConnectString()).cluster(CLUSTER).namespace(NS).app(app.url())
            .host("127.0.0.1").node("127.0.0.1").port(0).localPort(0)
            .interval(Duration.ofMillis(200))
            // a slow answer on a busy machine is no failure here: only the app's own answer counts
            .healthTimeout(Duration.ofSeconds(30)).functions(functions).gracePeriod(Duration.ZERO).start();
        open.add(s);
        return s;
    }

    private ClusterClient client() {
        ClusterClient c = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster(CLUSTER).build();
        open.add(c);
        return c;
    }

    private CuratorFramework curator() throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(zk.getConnectString(), 5000, 5000, new RetryOneTime(200));
        c.start();
        c.blockUntilConnected();
        open.add(c);
        return c;
    }

    @Test
    void clusterClientsCallThePythonApp() throws Exception {
        Sidecar sidecar = sidecar(null);
        assertThat(sidecar.functions()).containsExactly("add", "echo", "fail", "greet", "slow");
        ClusterClient client = client();

        assertThat(client.call(NS, "add", List.of(1, 2))).isEqualTo(3L);
        assertThat(client.call(NS, "greet", List.of("Ann"))).isEqualTo("Hello, Ann!");
        assertThat(client.call(NS, "echo", List.of(List.of(1, "two"), true))).isEqualTo(List.of(List.of(1L, "two"), true));
        assertThatThrownBy(() -> client.call(NS, "fail", List.of("on purpose"))).isInstanceOf(RemoteException.class)
            .hasMessageContaining("POST " + app.url() + "/fail answered HTTP 500: boom: on purpose");
        assertThatThrownBy(() -> client.call(NS, "add", List.of(1))).isInstanceOf(RemoteException.class)
            .hasMessageContaining("HTTP 400: bad arguments");

        // registered like any cluster server, plus the app's own HTTP address
        CuratorFramework zkc = curator();
        String root = "/slacker/cluster/" + CLUSTER;
        assertThat(zkc.getChildren().forPath(root + "/namespaces/" + NS)).contains(sidecar.address());
        assertThat(zkc.getChildren().forPath(root + "/functions/" + NS)).contains("add", "greet", "fail");
        String httpNode = root + "/http/" + NS + "/127.0.0.1:" + app.port();
        assertThat(sidecar.httpNodePath()).isEqualTo(httpNode);
        Object data = EdnReader.standard().read(new String(zkc.getData().forPath(httpNode), StandardCharsets.UTF_8));
        assertThat(data).isEqualTo(Map.of(Keyword.of("url"), app.url().toString(), Keyword.of("server"), sidecar.address()));
    }

    @Test
    void onlyTheListedFunctionsAreExposed() {
        sidecar(List.of("add"));
        ClusterClient client = client();
        assertThat(client.call(NS, "add", List.of(40, 2))).isEqualTo(42L);
        assertThatThrownBy(() -> client.call(NS, "greet", List.of("x"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void unhealthyAppGoesOfflineAndComesBack() throws Exception {
        Sidecar sidecar = sidecar(null);
        ClusterClient client = client();
        CuratorFramework zkc = curator();
        assertThat(client.call(NS, "add", List.of(1, 1))).isEqualTo(2L);

        app.healthy(false);
        await().atMost(WAIT).until(() -> client.servers(NS).isEmpty());
        assertThat(zkc.checkExists().forPath(sidecar.httpNodePath())).isNull();
        assertThat(sidecar.healthy()).isFalse();
        assertThatThrownBy(() -> client.call(NS, "add", List.of(1, 1))).isInstanceOf(UnavailableException.class);

        app.healthy(true);
        await().atMost(WAIT).until(() -> client.servers(NS).contains(sidecar.address()));
        await().atMost(WAIT).until(() -> zkc.checkExists().forPath(sidecar.httpNodePath()) != null);
        assertThat(client.call(NS, "add", List.of(2, 2))).isEqualTo(4L);

        // the app dies: offline again
        app.close();
        await().atMost(WAIT).until(() -> client.servers(NS).isEmpty());
    }

    @Test
    void registrationComesBackAfterASessionExpiry() throws Exception {
        Sidecar sidecar = sidecar(null);
        ClusterClient client = client();
        CuratorFramework zkc = curator();
        String nsNode = "/slacker/cluster/" + CLUSTER + "/namespaces/" + NS + "/" + sidecar.address();
        long before = zkc.checkExists().forPath(sidecar.httpNodePath()).getEphemeralOwner();

        sidecar.curator().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        // both ephemeral nodes are made again, by the new session
        await().atMost(WAIT).until(() -> {
            var http = zkc.checkExists().forPath(sidecar.httpNodePath());
            var ns = zkc.checkExists().forPath(nsNode);
            return http != null && ns != null && http.getEphemeralOwner() != before && ns.getEphemeralOwner() != before;
        });
        await().atMost(WAIT).until(() -> client.servers(NS).contains(sidecar.address()));
        assertThat(client.call(NS, "add", List.of(5, 5))).isEqualTo(10L);
    }

    @Test
    void localApiServesHostsCallsAndConfig() throws Exception {
        Sidecar sidecar = sidecar(null);
        ClusterClient client = client();
        await().atMost(WAIT).until(() -> client.servers(NS).contains(sidecar.address()));
        URI local = URI.create("http://127.0.0.1:" + sidecar.localPort());

        assertThat(get(local, "/hosts/" + NS)).isEqualTo("200 [\"" + sidecar.address() + "\"]");
        assertThat(get(local, "/hosts/no.such.ns")).isEqualTo("200 []");
        assertThat(post(local, "/call/" + NS + "/add", "[2, 3]")).isEqualTo("200 5");
        assertThat(post(local, "/call/" + NS + "/echo?grouping=all", "[\"x\"]"))
            .isEqualTo("200 {\"" + sidecar.address() + "\":[\"x\"]}");
        assertThat(post(local, "/call/" + NS + "/fail", "[\"z\"]")).startsWith("502 ").contains("HTTP 500: boom: z");
        assertThat(post(local, "/call/" + NS + "/nope", "[]")).startsWith("404 ");
        assertThat(post(local, "/call/no.such.ns/f", "[]")).startsWith("503 ");
        assertThat(post(local, "/call/" + NS + "/add", "{not json")).startsWith("400 ").contains("not JSON");
        assertThat(post(local, "/call/" + NS + "/add", "{\"a\": 1}")).startsWith("400 ").contains("JSON array");
        assertThat(post(local, "/call/" + NS + "/add?grouping=sideways", "[1,2]")).startsWith("400 ")
            .contains("'sideways' is not a grouping value");
        assertThat(get(local, "/elsewhere")).startsWith("404 ");

        try (ClusterConfig config = ClusterConfig.builder().zookeeper(zk.getConnectString()).cluster(CLUSTER).app(NS).start()) {
            config.setEdn("greeting", "\"Hi\"");
            config.setEdn("limits", "{:pool 8}");
        }
        await().atMost(WAIT).until(() -> get(local, "/config/greeting").equals("200 \"Hi\""));
        await().atMost(WAIT).until(() -> get(local, "/config/limits").equals("200 {\"pool\":8}"));
        assertThat(get(local, "/config/missing")).startsWith("404 ").contains("no config key 'missing'");
    }

    private static String get(URI base, String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private static String post(URI base, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String send(HttpRequest req) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
