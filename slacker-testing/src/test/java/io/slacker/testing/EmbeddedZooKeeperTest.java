package io.slacker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.SlackerServer;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterServer;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded ZooKeeper is a real one: a cluster server and client work against it, and it goes away on close. */
class EmbeddedZooKeeperTest {
    @Test
    void servesAClusterAndCleansUp() throws Exception {
        int port;
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer s = ClusterServer.builder().zookeeper(zk.connectString()).cluster("embedded").node("127.0.0.1")
                 .server(SlackerServer.builder().host("127.0.0.1").port(0).expose(Greeter.class, new Greeter.Impl())).start();
             ClusterClient c = ClusterClient.builder().zookeeper(zk.connectString()).cluster("embedded").build()) {
            assertThat(zk.connectString()).startsWith("127.0.0.1:");
            port = Integer.parseInt(zk.connectString().substring("127.0.0.1:".length()));
            assertThat(c.call("test.greeter", "hello", List.of("hi"))).isEqualTo("hello, hi");
            assertThat(c.servers("test.greeter")).containsExactly(s.address());
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
    }
}
