package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.SlackerServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** One ZooKeeperSettings value shared by the cluster builders, against a real ZooKeeper. */
class ZooKeeperSettingsTest {

    @Test
    void incompleteSettingsFailClearly() {
        assertThatThrownBy(() -> ZooKeeperSettings.defaults().withConnectString("127.0.0.1:1").validate())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("cluster name");
        assertThatThrownBy(() -> ZooKeeperSettings.of("127.0.0.1:1", "a/b").validate())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("without /");
        assertThatThrownBy(() -> ZooKeeperSettings.defaults().withCluster("c").connect())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("connect string or curator client");
        assertThatThrownBy(() -> ZooKeeperSettings.defaults().withSessionTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterClient.builder().zookeeper(ZooKeeperSettings.defaults().withCluster("c")).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("connect string or curator client");
    }

    @Test
    void unreachableZooKeeperFailsWithinTheConnectTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ZooKeeperSettings zk = ZooKeeperSettings.of("127.0.0.1:" + port, "c").withConnectTimeout(Duration.ofMillis(500));
        assertThatThrownBy(zk::connect).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("cannot connect to ZooKeeper at 127.0.0.1:" + port);
    }

    @Test
    void aConnectionClosesOnlyTheClientItMade() throws Exception {
        try (TestingServer server = new TestingServer()) {
            ZooKeeperSettings zk = ZooKeeperSettings.of(server.getConnectString(), "c");
            ZooKeeperSettings.Connection own = zk.connect();
            assertThat(own.owned()).isTrue();
            assertThat(own.curator().getZookeeperClient().isConnected()).isTrue();
            own.close();
            assertThat(own.curator().getState()).isEqualTo(CuratorFrameworkState.STOPPED);

            try (CuratorFramework app = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100))) {
                app.start();
                app.blockUntilConnected();
                ZooKeeperSettings.Connection shared = zk.withCurator(app).connect();
                assertThat(shared.owned()).isFalse();
                assertThat(shared.curator()).isSameAs(app);
                shared.close();
                assertThat(app.getState()).isEqualTo(CuratorFrameworkState.STARTED);
            }
        }
    }

    @Test
    void oneValueConfiguresServerClientAndConfigUnderACustomRoot() throws Exception {
        try (TestingServer server = new TestingServer()) {
            ZooKeeperSettings zk = ZooKeeperSettings.of(server.getConnectString(), "shared").withRoot("/custom/root")
                .withSessionTimeout(Duration.ofSeconds(3));
            int[] port = new int[1];
            try (ClusterServer node = ClusterServer.builder().zookeeper(zk).node("127.0.0.1")
                     .server(SlackerServer.builder().host("127.0.0.1").port(0).expose(ProbeApi.class, new ProbeApi.Impl(port)))
                     .start();
                 ClusterClient client = ClusterClient.builder().zookeeper(zk).build();
                 ClusterConfig config = ClusterConfig.builder().zookeeper(zk).app("probe").start();
                 CuratorFramework look = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100))) {
                port[0] = node.server().port();
                await().atMost(Duration.ofSeconds(20)).until(() -> client.servers(ClusterClientTest.PROBE).size() == 1);
                assertThat(client.call(ClusterClientTest.PROBE, "whoami", List.of())).isEqualTo((long) port[0]);
                config.set("greeting", "hi");
                look.start();
                look.blockUntilConnected();
                assertThat(look.checkExists().forPath("/custom/root/shared/config/probe/greeting")).isNotNull();
                assertThat(look.checkExists().forPath("/custom/root/shared/namespaces/" + ClusterClientTest.PROBE)).isNotNull();
            }
        }
    }
}
