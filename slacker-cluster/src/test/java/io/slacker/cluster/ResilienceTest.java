package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slacker.CallOptions;
import io.slacker.ConnectionBrokenException;
import io.slacker.SlackerClient;
import io.slacker.SlackerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** Killed servers, expired sessions and a ZooKeeper ensemble losing a member. */
class ResilienceTest {
    private static final String PROBE = ClusterClientTest.PROBE;

    @Test
    void serverKilledMidLoadStopsGettingCallsAndNoCallerHangs() throws Exception {
        try (TestingServer zk = new TestingServer(true); TcpProxy zkViaB = new TcpProxy(zk.getPort())) {
            String cluster = "kill";
            try (ClusterServer a = ClusterFixture.start(zk.getConnectString(), cluster, b -> { });
                 ClusterServer b = ClusterFixture.start(zkViaB.connectString(), cluster, x -> { });
                 ClusterClient c = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster(cluster)
                     .client(SlackerClient.builder().timeout(Duration.ofSeconds(3))).failover(2).build()) {
                await().until(() -> c.servers(PROBE).size() == 2);
                long portB = b.server().port();
                AtomicInteger onB = new AtomicInteger();
                List<Throwable> errors = new CopyOnWriteArrayList<>();
                ClusterClientTest.Load load = new ClusterClientTest.Load(c, 6, errors, v -> {
                    if (v.equals(portB)) {
                        onB.incrementAndGet();
                    }
                });
                await().until(() -> onB.get() > 10);
                // kill B: the process dies (sockets closed) and its ZooKeeper session is orphaned
                b.server().stop(Duration.ZERO);
                zkViaB.cut();
                int before = load.count();
                // while B is still listed (session timeout 3 s) calls keep succeeding via failover
                Thread.sleep(1000);
                assertThat(c.servers(PROBE)).hasSize(2);
                assertThat(load.count()).isGreaterThan(before + 20);
                // answers B wrote before it stopped may still have been on their way at the kill;
                // a second later none can be, so from here on B must get no call at all
                int atKill = onB.get();
                // after the session expired B is gone from the view
                await().atMost(Duration.ofSeconds(15)).until(() -> c.servers(PROBE).equals(List.of(a.address())));
                load.stop();
                assertThat(onB.get()).isEqualTo(atKill);
                // failover 2 over two servers: no call failed; at worst one clear error per thread
                assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOf(SlackerException.class));
                assertThat(errors.size()).isLessThanOrEqualTo(6);
            }
        }
    }

    @Test
    void withoutFailoverCallsToAKilledServerFailFastAndClearly() throws Exception {
        try (TestingServer zk = new TestingServer(true); TcpProxy zkViaB = new TcpProxy(zk.getPort())) {
            String cluster = "kill-no-failover";
            try (ClusterServer b = ClusterFixture.start(zkViaB.connectString(), cluster, x -> { });
                 ClusterClient c = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster(cluster)
                     .client(SlackerClient.builder().timeout(Duration.ofSeconds(3))).build()) {
                assertThat(c.call(PROBE, "whoami", List.of())).isEqualTo((long) b.server().port());
                b.server().stop(Duration.ZERO);
                zkViaB.cut();
                long t0 = System.nanoTime();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.call(PROBE, "whoami", List.of()))
                    .isInstanceOf(ConnectionBrokenException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void sessionExpiryRecreatesTheNodes() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             ClusterServer a = ClusterFixture.start(zk.getConnectString(), "expiry", b -> { });
             ClusterClient c = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster("expiry").build();
             CuratorFramework look = ClusterFixture.curator(zk.getConnectString())) {
            String serverNode = "/slacker/cluster/expiry/servers/" + a.address();
            String nsNode = "/slacker/cluster/expiry/namespaces/" + PROBE + "/" + a.address();
            long oldSession = look.checkExists().forPath(serverNode).getEphemeralOwner();
            assertThat(c.call(PROBE, "whoami", List.of())).isEqualTo((long) a.server().port());

            a.curator().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                long now = a.curator().getZookeeperClient().getZooKeeper().getSessionId();
                Stat s1 = look.checkExists().forPath(serverNode);
                Stat s2 = look.checkExists().forPath(nsNode);
                return now != oldSession && s1 != null && s2 != null
                    && s1.getEphemeralOwner() == now && s2.getEphemeralOwner() == now;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader(PROBE));
            await().atMost(Duration.ofSeconds(10)).until(() -> c.servers(PROBE).equals(List.of(a.address())));
            assertThat(c.call(PROBE, "whoami", List.of())).isEqualTo((long) a.server().port());
        }
    }

    @Test
    void discoveryKeepsWorkingWhenOneOfThreeZooKeepersDies() throws Exception {
        try (TestingCluster ensemble = new TestingCluster(3)) {
            ensemble.start();
            String connect = ensemble.getConnectString();
            List<ClusterServer> servers = new ArrayList<>();
            try (ClusterClient c = ClusterClient.builder().zookeeper(connect).cluster("ensemble")
                     .sessionTimeout(Duration.ofSeconds(5)).build()) {
                servers.add(ClusterFixture.start(connect, "ensemble", b -> b.sessionTimeout(Duration.ofSeconds(5))));
                await().atMost(Duration.ofSeconds(10)).until(() -> c.servers(PROBE).size() == 1);
                InstanceSpec victim = ensemble.getInstances().iterator().next();
                assertThat(ensemble.killServer(victim)).isTrue();
                // a new server joins and a server leaves, both seen through the surviving quorum
                servers.add(ClusterFixture.start(connect, "ensemble", b -> b.sessionTimeout(Duration.ofSeconds(5))));
                await().atMost(Duration.ofSeconds(20)).until(() -> c.servers(PROBE).size() == 2);
                servers.get(0).close();
                await().atMost(Duration.ofSeconds(20)).until(() -> c.servers(PROBE).equals(List.of(servers.get(1).address())));
                assertThat(c.call(PROBE, "whoami", List.of(), CallOptions.defaults()))
                    .isEqualTo((long) servers.get(1).server().port());
            } finally {
                servers.forEach(ClusterServer::close);
            }
        }
    }
}
