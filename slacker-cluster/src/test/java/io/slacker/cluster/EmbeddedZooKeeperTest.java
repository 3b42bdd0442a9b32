package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded ZooKeeper is a real one: a cluster server and client work against it. */
class EmbeddedZooKeeperTest {
    @Test
    void servesAClusterAndCleansUp() {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer s = ClusterFixture.start(zk.connectString(), "embedded", b -> { });
             ClusterClient c = ClusterClient.builder().zookeeper(zk.connectString()).cluster("embedded").build()) {
            assertThat(zk.connectString()).startsWith("127.0.0.1:");
            assertThat(c.call(ClusterFixture.API, "echo", List.of("hi"))).isEqualTo("hi");
            assertThat(c.serverData(s.address())).isNotNull();
        }
    }
}
