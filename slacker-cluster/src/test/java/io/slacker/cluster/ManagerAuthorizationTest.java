package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.CallOptions;
import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.data.Keyword;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The manager namespace runs only for authorized callers (issue #11, point 5). */
class ManagerAuthorizationTest {
    private static TestingServer zk;

    @BeforeAll
    static void startZk() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stopZk() throws Exception {
        zk.close();
    }

    private static SlackerClient client(ClusterServer s) {
        return SlackerClient.builder().address(s.address()).build();
    }

    private static CallOptions token(String t) {
        return CallOptions.defaults().withExtension(ClusterServer.MANAGER_TOKEN_EXTENSION, t);
    }

    private static Object setData(SlackerClient c, String label, CallOptions options) {
        return c.call(ClusterServer.MANAGER_NAMESPACE, "set-server-data!", List.of(ClusterFixture.data("label", label)),
            options);
    }

    @Test
    void withATokenOnlyCallsCarryingItRun() {
        try (ClusterServer s = ClusterFixture.server(zk.getConnectString()).manager(true).managerToken("s3cret").start();
             SlackerClient c = client(s)) {
            assertThatThrownBy(() -> setData(c, "no token", CallOptions.defaults()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("slacker.cluster.manager/set-server-data! refused: no manager token (extension -2104)");
            assertThatThrownBy(() -> setData(c, "wrong token", token("guess")))
                .isInstanceOf(RemoteException.class).hasMessageContaining("wrong manager token");
            assertThatThrownBy(() -> c.call(ClusterServer.MANAGER_NAMESPACE, "shutdown", List.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("refused");
            // none of the refused calls ran: the data is the original, the server is up
            assertThat(s.serverData()).isEqualTo(ClusterFixture.data("label", Keyword.of("example")));
            assertThat(setData(c, "right token", token("s3cret"))).isNull();
            assertThat(s.serverData()).isEqualTo(ClusterFixture.data("label", "right token"));
            // application functions need no token
            assertThat(c.call(ClusterFixture.API2, "echo2", List.of(1L))).isEqualTo(List.of(1L));
        }
    }

    @Test
    void withoutAnAllowListOnlyLoopbackCallersAreAccepted() {
        try (ClusterServer s = ClusterFixture.server(zk.getConnectString()).manager(true).start();
             SlackerClient c = client(s)) {
            assertThat(c.call(ClusterServer.MANAGER_NAMESPACE, "server-data", List.of()))
                .isEqualTo(ClusterFixture.data("label", Keyword.of("example")));
        }
    }

    @Test
    void anAllowListReplacesLoopback() {
        try (ClusterServer s = ClusterFixture.server(zk.getConnectString()).manager(true)
                 .managerAllowFrom("192.0.2.7").start();
             SlackerClient c = client(s)) {
            assertThatThrownBy(() -> setData(c, "from loopback", CallOptions.defaults()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("address 127.0.0.1 is not allowed to manage this server");
            assertThat(s.serverData()).isEqualTo(ClusterFixture.data("label", Keyword.of("example")));
            assertThat(c.call(ClusterFixture.API2, "echo2", List.of(2L))).isEqualTo(List.of(2L));
        }
        try (ClusterServer s = ClusterFixture.server(zk.getConnectString()).manager(true)
                 .managerAllowFrom("192.0.2.7", "127.0.0.1").managerToken("t").start();
             SlackerClient c = client(s)) {
            assertThat(setData(c, "allowed", token("t"))).isNull();
            assertThat(s.serverData()).isEqualTo(ClusterFixture.data("label", "allowed"));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> ClusterServer.builder().managerToken("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterServer.builder().managerAllowFrom("example.com"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
