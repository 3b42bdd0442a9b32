package io.slacker.cluster;

import io.slacker.CallOptions;
import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.RemoteException;
import io.slacker.SlackerCaller;
import io.slacker.SlackerClient;
import io.slacker.UnavailableException;
import io.slacker.data.Keyword;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static io.slacker.cluster.ClusterFixture.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Discovery, grouping, inspect, manager and server data through a real ZooKeeper and real sockets. */
@SuppressWarnings("unchecked")
class ClusterClientTest {
    static final String PROBE = "slacker.test.probe";
    private static TestingServer zk;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String cluster;

    @BeforeAll
    static void startZk() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stopZk() throws Exception {
        zk.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void name(TestInfo info) {
        cluster = "c-" + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    private ClusterServer server() {
        return track(ClusterFixture.start(zk.getConnectString(), cluster, b -> { }));
    }

    private ClusterServer server(Map<Keyword, Object> data) {
        return track(ClusterFixture.start(zk.getConnectString(), cluster, b -> b.serverData(data)));
    }

    private ClusterClient.Builder clientBuilder() {
        return ClusterClient.builder().zookeeper(zk.getConnectString()).cluster(cluster).client(SlackerClient.builder().timeout(Duration.ofSeconds(5)));
    }

    private ClusterClient client() {
        return track(clientBuilder().build());
    }

    private static long port(ClusterServer s) {
        return s.server().port();
    }

    /** A call with this grouping policy as its per-call option. */
    private static Object call(ClusterClient c, String ns, String fn, List<?> args, GroupingPolicy policy) {
        return c.call(ns, fn, args, policy.options());
    }

    private static Object whoami(ClusterClient c) {
        return c.call(PROBE, "whoami", List.of());
    }

    @Test
    void secondServerJoiningIsUsed() {
        ClusterServer a = server();
        ClusterClient c = client();
        assertThat(whoami(c)).isEqualTo(port(a));
        ClusterServer b = server();
        await().atMost(Duration.ofSeconds(10)).until(() -> whoami(c).equals(port(b)));
        assertThat(c.servers(PROBE)).containsExactlyInAnyOrder(a.address(), b.address());
        assertThat(c.connectedServers()).containsExactlyInAnyOrder(a.address(), b.address());
    }

    @Test
    void oneBuilderStartsTwoServersAndEitherClientIsACaller() {
        ClusterServer.Builder builder = ClusterFixture.server(zk.getConnectString(), cluster, new int[1], true).manager(true);
        ClusterServer a = track(builder.start());
        // the first start left the builder as it was (no "function exposed twice")
        ClusterServer b = track(builder.start());
        assertThat(b.address()).isNotEqualTo(a.address());
        ClusterClient c = client();
        await().until(() -> c.servers(PROBE).size() == 2);
        try (SlackerClient direct = SlackerClient.builder().address("127.0.0.1:" + port(a)).build()) {
            for (SlackerCaller caller : List.of(direct, c)) {
                assertThat(caller.call(API, "echo", List.of(42L))).isEqualTo(42L);
                assertThat(caller.callAsync(API, "echo", List.of("x"), CallOptions.defaults()).join()).isEqualTo("x");
                assertThat(caller.functions(ClusterServer.MANAGER_NAMESPACE)).hasSize(7);
                assertThat(caller.meta(API + "/echo").get(Keyword.of("name"))).isNotNull();
            }
        }
    }

    @Test
    void groupingModes() {
        ClusterServer a = server();
        await().until(() -> a.isLeader(PROBE));
        ClusterServer b = server(ClusterFixture.data("label", Keyword.of("b"), "weight", 5L));
        ClusterClient c = client();
        await().until(() -> c.servers(PROBE).size() == 2);
        GroupingPolicy all = GroupingPolicy.defaults().withSelector(Grouping.ALL);

        // ALL: the leader's answer first
        assertThat(call(c, PROBE, "whoami", List.of(), all.withMerger(GroupingResults.VECTOR)))
            .isEqualTo(List.of(port(a), port(b)));
        assertThat((Map<Object, Object>) call(c, PROBE, "whoami", List.of(), all.withMerger(GroupingResults.MAP)))
            .containsEntry(a.address(), port(a)).containsEntry(b.address(), port(b)).hasSize(2);
        assertThat(call(c, PROBE, "whoami", List.of(), all.withMerger(GroupingResults.NIL))).isNull();
        assertThat(call(c, PROBE, "whoami", List.of(), all)).isEqualTo(port(a));
        assertThat(call(c, PROBE, "whoami", List.of(), all.withMerger((ns, fn, r) ->
            r.values().stream().mapToLong(v -> (Long) v).sum()))).isEqualTo(port(a) + port(b));
        // the original counted every answer as a failure: here successes are successes
        assertThat(call(c, API, "echo", List.of(42L), all.withMerger(GroupingResults.VECTOR))).isEqualTo(List.of(42L, 42L));

        // exceptions: ALL tolerates a partial failure, ANY does not; all failing reports each server
        assertThat(call(c, PROBE, "fail-on", List.of(port(a)), all.withMerger(GroupingResults.VECTOR)))
            .isEqualTo(List.of(port(b)));
        assertThatThrownBy(() -> call(c, PROBE, "fail-on", List.of(port(a)),
            all.withFailWhen(FailWhen.ANY)))
            .isInstanceOf(GroupedCallException.class)
            .satisfies(e -> assertThat(((GroupedCallException) e).failures()).containsOnlyKeys(a.address()));
        assertThatThrownBy(() -> call(c, API, "make-error", List.of(), all))
            .isInstanceOfSatisfying(GroupedCallException.class, e -> {
                assertThat(e.failures()).containsOnlyKeys(a.address(), b.address());
                assertThat(e.failures().values()).allSatisfy(t -> assertThat(t).isInstanceOf(RemoteException.class));
            });
        // one server: its own exception
        assertThatThrownBy(() -> call(c, API, "make-error", List.of(), GroupingPolicy.defaults()))
            .isInstanceOf(RemoteException.class).hasMessageContaining("Excepted exception.");

        // single-server groupings
        GroupingPolicy p = GroupingPolicy.defaults();
        assertThat(call(c, PROBE, "whoami", List.of(), p.withSelector(Grouping.FIRST))).isEqualTo(port(a));
        assertThat(call(c, PROBE, "whoami", List.of(), p.withSelector(Grouping.LEADER))).isEqualTo(port(a));
        assertThat(call(c, PROBE, "whoami", List.of(), p.withSelector((ns, fn, args, servers) ->
            List.of(servers.get(servers.size() - 1).address())))).isEqualTo(port(b));
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            seen.add(call(c, PROBE, "whoami", List.of(), p.withSelector(Grouping.RANDOM)));
            seen.add(call(c, PROBE, "whoami", List.of(), p.withSelector(Grouping.LEAST_IN_FLIGHT)));
        }
        assertThat(seen).containsExactlyInAnyOrder(port(a), port(b));
        // WEIGHTED: weight 0 on A -> B only
        a.setServerData(ClusterFixture.data("weight", 0L));
        await().until(() -> c.serverData(a.address()) instanceof Map<?, ?> m && m.containsKey(Keyword.of("weight")));
        for (int i = 0; i < 30; i++) {
            assertThat(call(c, PROBE, "whoami", List.of(), p.withSelector(Grouping.WEIGHTED))).isEqualTo(port(b));
        }
    }

    @Namespace(PROBE)
    interface Probe {
        long whoami();

        @Grouped(value = Grouping.ALL, results = GroupingResults.VECTOR)
        @Function("whoami")
        List<Long> everyone();

        @Grouped(value = Grouping.ALL, results = GroupingResults.MAP)
        @Function("whoami")
        CompletableFuture<Map<String, Long>> everyoneAsync();

        @Grouped(Grouping.LEADER)
        @Function("whoami")
        long leader();
    }

    @Test
    void proxyWithPerMethodGrouping() throws Exception {
        ClusterServer a = server();
        await().until(() -> a.isLeader(PROBE));
        ClusterServer b = server();
        ClusterClient c = track(clientBuilder().grouping(Grouping.FIRST).build());
        await().until(() -> c.servers(PROBE).size() == 2);
        Probe p = c.proxy(Probe.class);
        assertThat(p.whoami()).isEqualTo(port(a));
        assertThat(p.everyone()).containsExactly(port(a), port(b));
        assertThat(p.everyoneAsync().get()).containsOnlyKeys(a.address(), b.address());
        assertThat(p.leader()).isEqualTo(port(a));
        TestApi api = c.proxy(TestApi.class);
        assertThat(api.randInts(3)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void unavailableNamespace() {
        server();
        ClusterClient c = track(clientBuilder().discoveryTimeout(Duration.ofSeconds(2)).build());
        assertThatThrownBy(() -> c.call("no.such.ns", "f", List.of())).isInstanceOf(UnavailableException.class);
        ClusterClient d = track(clientBuilder().unavailableValue(Keyword.of("unavailable")).build());
        assertThat(d.call("no.such.ns", "f", List.of())).isEqualTo(Keyword.of("unavailable"));
    }

    @Test
    void inspectFromZooKeeper() {
        server();
        ClusterClient c = client();
        assertThat(c.functions(API)).contains("slacker.example.api/rand-ints", "slacker.example.api/echo").hasSize(8);
        Map<?, ?> meta = c.meta("slacker.example.api/rand-ints");
        assertThat(meta.get(Keyword.of("doc"))).isEqualTo("test collection result");
        assertThat(meta.get(Keyword.of("name"))).hasToString("rand-ints");
        assertThat(c.meta("slacker.example.api2/echo2")).isEmpty();
        assertThat(c.functions(ClusterServer.MANAGER_NAMESPACE)).hasSize(7);
    }

    @Test
    void managerOfflineOnlineAndServerDataSeenByTheClient() throws Exception {
        ClusterServer a = server();
        await().until(() -> a.isLeader(PROBE));
        ClusterServer b = server();
        ClusterClient c = client();
        List<Object> changes = new CopyOnWriteArrayList<>();
        c.addServerDataListener((addr, data, removed) -> changes.add(addr + "=" + data));
        await().until(() -> c.servers(PROBE).size() == 2);
        try (SlackerClient direct = SlackerClient.builder().address(a.address()).build()) {
            assertThat(direct.call(ClusterServer.MANAGER_NAMESPACE, "offline-ns", List.of(PROBE))).isNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> c.servers(PROBE).equals(List.of(b.address())));
            for (int i = 0; i < 20; i++) {
                assertThat(whoami(c)).isEqualTo(port(b));
            }
            // B took over the leadership and is written promptly
            await().atMost(Duration.ofSeconds(5)).until(() -> b.address().equals(c.leader(PROBE)));
            direct.call(ClusterServer.MANAGER_NAMESPACE, "set-server-data!",
                List.of(ClusterFixture.data("label", Keyword.of("updated"), "weight", 3L)));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                ClusterFixture.data("label", Keyword.of("updated"), "weight", 3L).equals(c.serverData(a.address())));
            assertThat(changes).anyMatch(s -> s.toString().startsWith(a.address() + "={:label :updated") || s.toString().contains("updated"));
            direct.call(ClusterServer.MANAGER_NAMESPACE, "online-ns", List.of(PROBE));
            await().atMost(Duration.ofSeconds(5)).until(() -> c.servers(PROBE).size() == 2);
            // the manager namespace is reachable through the cluster (the original: NoNode)
            GroupingPolicy all = GroupingPolicy.defaults().withSelector(Grouping.ALL).withMerger(GroupingResults.MAP);
            assertThat((Map<Object, Object>) call(c, ClusterServer.MANAGER_NAMESPACE, "server-data", List.of(), all))
                .containsOnlyKeys(a.address(), b.address());
        }
    }

    @Test
    void leaderFailoverPutsTheNewLeaderFirst() {
        ClusterServer a = server();
        await().until(() -> a.isLeader(PROBE));
        ClusterServer b = server();
        ClusterClient c = client();
        await().until(() -> c.servers(PROBE).size() == 2);
        assertThat(c.servers(PROBE)).first().isEqualTo(a.address());
        a.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> c.servers(PROBE).equals(List.of(b.address()))
            && b.address().equals(c.leader(PROBE)));
        assertThat(call(c, PROBE, "whoami", List.of(), GroupingPolicy.defaults().withSelector(Grouping.LEADER)))
            .isEqualTo(port(b));
        b.close();
        // a stale _leader (B's address, nobody left) is never routed to
        await().atMost(Duration.ofSeconds(5)).until(() -> c.servers(PROBE).isEmpty());
        assertThatThrownBy(() -> whoami(c)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void gracefulStopMidLoadLosesNoCall() throws Exception {
        ClusterServer a = server();
        ClusterServer b = server();
        ClusterClient c = client();
        await().until(() -> c.servers(PROBE).size() == 2);
        AtomicInteger onB = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Load load = new Load(c, 6, errors, v -> {
            if (v.equals(port(b))) {
                onB.incrementAndGet();
            }
        });
        await().until(() -> onB.get() > 10);
        b.close();
        int afterStop = onB.get();
        Thread.sleep(500);
        assertThat(onB.get()).isEqualTo(afterStop);
        load.stop();
        assertThat(errors).isEmpty();
        assertThat(load.count()).isGreaterThan(50);
        assertThat(whoami(c)).isEqualTo(port(a));
    }

    /** Calls {@code slow(5)} in a loop from several threads; every call must end within 10 s. */
    static final class Load {
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private volatile boolean running = true;

        Load(ClusterClient c, int n, List<Throwable> errors, java.util.function.Consumer<Object> onResult) {
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    while (running) {
                        try {
                            Object v = c.callAsync(PROBE, "slow", List.of(5L), CallOptions.defaults())
                                .get(10, java.util.concurrent.TimeUnit.SECONDS);
                            onResult.accept(v);
                        } catch (java.util.concurrent.TimeoutException e) {
                            errors.add(new AssertionError("a call hung"));
                        } catch (Exception e) {
                            errors.add((e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e));
                        }
                        count.incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
        }

        int count() {
            return count.get();
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(15_000);
                assertThat(t.isAlive()).as("load thread ended").isFalse();
            }
        }
    }
}
