package io.slacker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ConnectionBrokenException;
import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server per test, and what the extension closes when its scope ends. */
class SlackerExtensionTest {
    @RegisterExtension
    final SlackerExtension slacker = SlackerExtension.standalone().server(b -> b.expose(Greeter.class, new Greeter.Impl()));

    @Test
    void aPlainServerWithoutZooKeeper() {
        assertThat(slacker.client().proxy(Greeter.class).hello("me")).isEqualTo("hello, me");
        assertThat(slacker.clusterServers()).isEmpty();
        assertThatThrownBy(slacker::zookeeper).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterATestItsClientsServersAndZooKeeperAreGone() throws Exception {
        SlackerExtension ext = SlackerExtension.cluster("scoped").server(b -> b.expose(Greeter.class, new Greeter.Impl()));
        ext.beforeEach(null);
        SlackerClient client = ext.client();
        ClusterClient cluster = ext.clusterClient();
        assertThat(cluster.call("test.greeter", "hello", List.of("z"))).isEqualTo("hello, z");
        assertThat(client.call("test.greeter", "hello", List.of("y"))).isEqualTo("hello, y");
        int serverPort = ext.servers().get(0).port();
        int zkPort = Integer.parseInt(ext.zookeeper().connectString().split(":")[1]);
        ext.afterEach(null);

        assertThatThrownBy(() -> client.call("test.greeter", "hello", List.of("y"))).isInstanceOf(ConnectionBrokenException.class);
        assertThatThrownBy(() -> cluster.call("test.greeter", "hello", List.of("z"))).isInstanceOf(ConnectionBrokenException.class);
        assertThat(ext.servers()).isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", serverPort).close()).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", zkPort).close()).isInstanceOf(java.io.IOException.class);
    }
}
