package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.ContentType;
import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.SlackerClient;
import io.slacker.cli.CliFixture.Run;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import io.slacker.cluster.FailWhen;
import io.slacker.cluster.Grouped;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import io.slacker.cluster.ResultMerger;
import io.slacker.cluster.ServerInfo;
import io.slacker.cluster.ServerSelector;
import io.slacker.data.Keyword;
import io.slacker.examples.api.ExampleApi;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.internal.serialization.edn.EdnReader;
import io.slacker.testing.EmbeddedZooKeeper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster and zookeeper commands against an embedded ZooKeeper and two example servers. */
class ClusterCliTest {
    private static final String CLUSTER = "cli-cluster";
    private static EmbeddedZooKeeper zk;
    private static ClusterServer a;
    private static ClusterServer b;

    @BeforeAll
    static void start() {
        zk = EmbeddedZooKeeper.start(0);
        a = ClusterServer.builder()
            .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
            .zookeeper(zk.connectString()).cluster(CLUSTER).node("127.0.0.1")
            .serverData(Map.of(Keyword.of("label"), Keyword.of("a")))
            .manager(true)
            .gracePeriod(Duration.ZERO).start();
        Map<Keyword, Object> bData = new LinkedHashMap<>();
        bData.put(Keyword.of("label"), Keyword.of("b"));
        bData.put(Keyword.of("weight"), 3L);
        b = node(bData);
    }

    private static ClusterServer node(Object data) {
        return ClusterServer.builder()
            .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
            .zookeeper(zk.connectString()).cluster(CLUSTER).node("127.0.0.1")
            .serverData(data).gracePeriod(Duration.ZERO).start();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        zk.close();
    }

    private static String[] cluster(String... more) {
        String[] base = {"cluster", "--zk", zk.connectString(), "--cluster", CLUSTER};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String[] clusterCall(String... more) {
        String[] base = {"call", "--zk", zk.connectString(), "--cluster", CLUSTER};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void showsServersNamespacesLeadersAndData() {
        Run r = run(cluster());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
            .contains("cluster cli-cluster (/slacker/cluster/cli-cluster at " + zk.connectString() + ")")
            .contains("servers (2):")
            .contains("  " + a.address() + "  {:label :a}")
            .contains("  " + b.address() + "  {:label :b, :weight 3}")
            .contains("  slacker.example.api\n    leader     " + a.address() + "\n")
            .contains("    functions  async-exception, async-result, echo, get-m, inc-m, long-running, make-error, rand-ints, "
                + "return-nil, return-zero, timestamp\n")
            .contains("  slacker.example.api2\n");
        assertThat(r.out()).containsPattern("servers    127\\.0\\.0\\.1:\\d+, 127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void watchPrintsChanges() throws Exception {
        CompletableFuture<Void> change = CompletableFuture.runAsync(() -> a.setServerData(Map.of(Keyword.of("label"),
            Keyword.of("changed"))), CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));
        try {
            Run r = run(cluster("--watch", "--interval", "100ms", "--duration", "1500ms"));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("{:label :a}").contains("--- changed at ").contains("{:label :changed}");
        } finally {
            change.get(5, TimeUnit.SECONDS);
            a.setServerData(Map.of(Keyword.of("label"), Keyword.of("a")));
        }
    }

    @Test
    void callWithGroupings() {
        Run all = run(clusterCall("slacker.example.api/echo", "[42]", "--grouping", "all", "--results", "vector"));
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).isEqualTo("[42 42]\n");

        Run map = run(clusterCall("slacker.example.api/echo", "[:x]", "--grouping", "all"));
        assertThat(map.exit()).as(map.toString()).isZero();
        @SuppressWarnings("unchecked")
        Map<Object, Object> m = (Map<Object, Object>) EdnReader.standard().read(map.out());
        assertThat(m).containsOnlyKeys((Object) a.address(), b.address())
            .containsValue(Keyword.of("x"));

        for (String g : List.of("random", "first", "leader", "least-in-flight", "weighted")) {
            Run one = run(clusterCall("slacker.example.api/echo", "[\"one\"]", "--grouping", g));
            assertThat(one.exit()).as(g + ": " + one).isZero();
            assertThat(one.out()).isEqualTo("\"one\"\n");
        }

        // the client options apply to the cluster's calls too
        Run json = run(clusterCall("slacker.example.api2/echo2", "[[1 2]]", "-c", "json"));
        assertThat(json.exit()).as(json.toString()).isZero();
        // JSON: the top-level array of the answer reads as a seq
        assertThat(json.out()).isEqualTo("(1 2)\n");
        // one call command: a server address or a cluster, not both
        Run both = run(clusterCall("127.0.0.1:2104", "slacker.example.api/echo", "[1]"));
        assertThat(both.exit()).as(both.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("no server address");
    }

    @Test
    void callFailures() throws Exception {
        Run error = run(clusterCall("slacker.example.api/make-error", "--grouping", "all"));
        assertThat(error.exit()).as(error.toString()).isEqualTo(ExitCodes.REMOTE_EXCEPTION);
        assertThat(error.err()).contains("failed on 2 of 2 servers").contains("Expected exception.");

        Run single = run(clusterCall("slacker.example.api/make-error"));
        assertThat(single.exit()).isEqualTo(ExitCodes.REMOTE_EXCEPTION);

        Run unavailable = run(clusterCall("no.such.ns/f", "--zk-timeout", "2s"));
        assertThat(unavailable.exit()).as(unavailable.toString()).isEqualTo(ExitCodes.UNAVAILABLE).isEqualTo(9);
        assertThat(unavailable.err()).contains("unavailable").startsWith("slacker call: ");

        Run badEdn = run(clusterCall("slacker.example.api/echo", "[1"));
        assertThat(badEdn.exit()).isEqualTo(ExitCodes.BAD_EDN);

        Run badGrouping = run(clusterCall("slacker.example.api/echo", "[1]", "--grouping", "sometimes"));
        assertThat(badGrouping.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badGrouping.err()).contains("least-in-flight")
            .startsWith("slacker call: ").contains("try 'slacker call --help'");

        assertThat(run("cluster", "--cluster", CLUSTER).exit()).isEqualTo(ExitCodes.USAGE);

        Run noCluster = run("cluster", "--zk", zk.connectString(), "--cluster", "no-such-cluster");
        assertThat(noCluster.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(noCluster.err()).contains("no cluster 'no-such-cluster'");

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run noZk = run("cluster", "--zk", "127.0.0.1:" + port, "--cluster", CLUSTER, "--zk-timeout", "1s");
        assertThat(noZk.exit()).as(noZk.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(noZk.err()).contains("cannot reach ZooKeeper at 127.0.0.1:" + port);
    }

    @Namespace("slacker.example.api")
    public interface ExampleCluster {
        long timestamp();

        @Grouped(value = Grouping.ALL, results = GroupingResults.VECTOR)
        @Function("timestamp")
        List<Long> allTimestamps();

        @Grouped(value = Grouping.ALL, results = GroupingResults.MAP, failWhen = FailWhen.ANY)
        @Function("echo")
        Map<String, Object> echoEverywhere(Object x);

        @Grouped(Grouping.LEADER)
        @Function("inc-m")
        long incOnLeader(long amount);
    }

    /** The snippets of docs/cluster.md. */
    @Test
    void guideSnippets() throws Exception {
        List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ClusterClient cluster = ClusterClient.builder()
                .zookeeper(zk.connectString()).cluster(CLUSTER)
                .grouping(Grouping.RANDOM)
                .client(SlackerClient.builder().timeout(Duration.ofSeconds(10)).contentType(ContentType.CLJ))
                .build()) {
            ExampleApi api = cluster.proxy(ExampleApi.class);
            assertThat(api.timestamp()).isPositive();

            Object all = cluster.call("slacker.example.api", "echo", List.of(42), 
                GroupingPolicy.defaults().withSelector(Grouping.ALL).withMerger(GroupingResults.VECTOR).options());
            assertThat(all).isEqualTo(List.of(42L, 42L));

            List<String> servers = cluster.servers("slacker.example.api");
            String leader = cluster.leader("slacker.example.api");
            assertThat(servers).containsExactlyInAnyOrder(a.address(), b.address());
            assertThat(servers.get(0)).isEqualTo(leader);
            long until = System.nanoTime() + 5_000_000_000L;
            while (cluster.serverData().size() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Map<String, Object> data = cluster.serverData();
            assertThat(data.get(a.address())).isEqualTo(Map.of(Keyword.of("label"), Keyword.of("a")));
            cluster.addServerDataListener((address, newData, removed) -> changes.add(address + " " + newData));
            List<String> fns = cluster.functions("slacker.example.api");
            assertThat(fns).contains("slacker.example.api/rand-ints");
            assertThat(cluster.meta("slacker.example.api/rand-ints").get(Keyword.of("doc"))).isEqualTo("test collection result");

            ExampleCluster ec = cluster.proxy(ExampleCluster.class);
            assertThat(ec.allTimestamps()).hasSize(2);
            assertThat(ec.echoEverywhere("x")).containsOnlyKeys(a.address(), b.address());
            assertThat(ec.incOnLeader(1)).isPositive();

            ServerSelector notB = (ns, fn, args, infos) -> infos.stream()
                .filter(s -> !(s.serverData() instanceof Map<?, ?> d && Keyword.of("b").equals(d.get(Keyword.of("label")))))
                .map(ServerInfo::address).toList();
            ResultMerger sum = (ns, fn, results) -> results.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
            Object r = cluster.call("slacker.example.api", "echo", List.of(1), 
                GroupingPolicy.defaults().withSelector(notB).withMerger(sum).options());
            assertThat(r).isEqualTo(1L);

            // the manager namespace is reachable through the cluster
            assertThat(cluster.call(ClusterServer.MANAGER_NAMESPACE, "server-data", List.of()))
                .isEqualTo(Map.of(Keyword.of("label"), Keyword.of("a")));
            a.setServerData(Map.of(Keyword.of("label"), Keyword.of("a")));
        }
    }

    @Test
    void zookeeperRunsAndStops() {
        Run r = run("zookeeper", "--port", "0", "--duration", "300ms");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("ZooKeeper on 127.0.0.1:").contains("ZooKeeper stopped");
    }
}
