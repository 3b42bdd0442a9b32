package io.slacker.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slacker.SlackerServer;
import io.slacker.data.Keyword;
import io.slacker.spi.RemoteFunction;
import io.slacker.testkit.WireVectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Shared helpers: starting test cluster servers, the recorded layout, a plain Curator client. */
final class ClusterFixture {
    static final String CLUSTER = "example-cluster";
    static final String API = "slacker.example.api";
    static final String API2 = "slacker.example.api2";

    private ClusterFixture() {
    }

    static Map<Keyword, Object> data(Object... kv) {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(Keyword.of((String) kv[i]), kv[i + 1]);
        }
        return m;
    }

    /** A server exposing the test API and {@code slacker.example.api2 {"echo2" identity-of-args}}. */
    static ClusterServer.Builder server(String zk) {
        return server(zk, CLUSTER, new int[1], false);
    }

    /**
     * The same, in a cluster of this name; {@code port[0]} is to be set to the server's port once
     * started; with {@code probe}, also {@link ProbeApi}.
     */
    static ClusterServer.Builder server(String zk, String cluster, int[] port, boolean probe) {
        Map<String, RemoteFunction> api2 = Map.of("echo2", args -> args);
        SlackerServer.Builder sb = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose(TestApi.class, TestApi.impl(port))
            .expose(API2, api2)
            .shutdownTimeout(Duration.ofSeconds(5));
        if (probe) {
            sb.expose(ProbeApi.class, new ProbeApi.Impl(port));
        }
        return ClusterServer.builder().server(sb).zookeeper(zk).cluster(cluster).node("127.0.0.1")
            .serverData(data("label", Keyword.of("example")))
            .sessionTimeout(Duration.ofSeconds(3))
            .connectTimeout(Duration.ofSeconds(10))
            .gracePeriod(Duration.ofMillis(300));
    }

    /** Starts a probe server in a cluster; more settings through {@code more}. */
    static ClusterServer start(String zk, String cluster, java.util.function.Consumer<ClusterServer.Builder> more) {
        int[] port = new int[1];
        ClusterServer.Builder b = server(zk, cluster, port, true).manager(true);
        more.accept(b);
        ClusterServer s = b.start();
        port[0] = s.server().port();
        return s;
    }

    static CuratorFramework curator(String zk) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(zk, 5000, 5000, new RetryOneTime(200));
        c.start();
        c.blockUntilConnected();
        return c;
    }

    /** One recorded snapshot as nodes, addresses replaced and lock names normalized. */
    static List<ZkTree.Node> snapshot(String label, String addrA, String addrB) throws Exception {
        JsonNode root = new ObjectMapper().readTree(WireVectors.dir().resolve("zk-layout.json").toFile());
        for (JsonNode s : root.get("snapshots")) {
            if (!s.get("label").asText().equals(label)) {
                continue;
            }
            List<ZkTree.Node> out = new ArrayList<>();
            for (JsonNode n : s.get("nodes")) {
                String path = n.get("path").asText().replace("127.0.0.1:2201", addrA).replace("127.0.0.1:2202", addrB);
                String hex = null;
                if (!n.get("data_hex").isNull()) {
                    String text = n.get("data_utf8").asText().replace("127.0.0.1:2201", addrA).replace("127.0.0.1:2202", addrB);
                    hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
                }
                out.add(new ZkTree.Node(normalizeLocks(path), n.get("ephemeral").asBoolean(), hex));
            }
            out.sort(null);
            return out;
        }
        throw new IllegalArgumentException("no snapshot " + label);
    }

    static List<ZkTree.Node> normalize(List<ZkTree.Node> nodes) {
        List<ZkTree.Node> out = new ArrayList<>();
        for (ZkTree.Node n : nodes) {
            out.add(new ZkTree.Node(normalizeLocks(n.path()), n.ephemeral(), n.dataHex()));
        }
        out.sort(null);
        return out;
    }

    static String normalizeLocks(String path) {
        return path.replaceAll("_c_[0-9a-f-]{36}-lock-\\d{10}$", "_c_UUID-lock-N");
    }
}
