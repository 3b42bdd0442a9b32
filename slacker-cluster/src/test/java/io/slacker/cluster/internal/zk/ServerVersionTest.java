package io.slacker.cluster.internal.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Reading a ZooKeeper server's version from its {@code srvr} answer. */
class ServerVersionTest {
    @Test
    void parsesSrvrAnswers() {
        ServerVersion v35 = ServerVersion.parse("Zookeeper version: 3.5.10-a32c7183d42325b03e44a06aade6a0f16955bf13, built on"
            + " 05/29/2022 16:59 GMT\nLatency min/avg/max: 0/0/0\nMode: standalone\n").orElseThrow();
        assertThat(v35).isEqualTo(new ServerVersion(3, 5, "3.5.10"));
        assertThat(v35.isSupported()).isTrue();
        assertThat(v35.hasPersistentWatches()).isFalse();

        ServerVersion v34 = ServerVersion.parse("Zookeeper version: 3.4.14-4c25d480e66aadd371de8bd2fd8da255ac140bcf, built on"
            + " 03/06/2019 16:18 GMT\n").orElseThrow();
        assertThat(v34.isSupported()).isFalse();

        ServerVersion v39 = ServerVersion.parse("Zookeeper version: 3.9.5, built on 2025-01-01\n").orElseThrow();
        assertThat(v39.hasPersistentWatches()).isTrue();
        assertThat(ServerVersion.parse("srvr is not executed because it is not in the whitelist.\n")).isEmpty();
    }

    @Test
    void asksTheServersInTurn() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(ServerVersion.ask("127.0.0.1:" + closed, Duration.ofSeconds(2))).isEmpty();
        try (TestingServer zk = new TestingServer(true)) {
            Optional<ServerVersion> v = ServerVersion.ask("127.0.0.1:" + closed + "," + zk.getConnectString() + "/chroot",
                Duration.ofSeconds(2));
            assertThat(v).isPresent();
            assertThat(v.get().text()).startsWith("3.9.");
            assertThat(v.get().hasPersistentWatches()).isTrue();
        }
    }
}
