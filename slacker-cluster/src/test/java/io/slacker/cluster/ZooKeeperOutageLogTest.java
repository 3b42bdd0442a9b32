package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * A ZooKeeper outage logs one WARN per connection-state change and no ERROR per retry (issue #11,
 * point 7). The log is read from the stderr of the test's SLF4J simple logger.
 */
class ZooKeeperOutageLogTest {

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void oneWarnPerStateChangeAndNoErrorPerRetry() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (TestingServer zk = new TestingServer(true);
             ClusterServer s = ClusterFixture.server(zk.getConnectString()).start();
             ClusterClient c = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster(ClusterFixture.CLUSTER)
                 .sessionTimeout(java.time.Duration.ofSeconds(3)).build()) {
            // two Curator clients (server and client), each with its own connection
            assertThat(c.call(ClusterFixture.API2, "echo2", List.of(1L))).isEqualTo(List.of(1L));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                zk.stop();
                // the session (3 s in the fixture) runs out while suspended: Curator reports it lost
                eventually("session lost", () -> lines(captured, "ZooKeeper session").size() == 2);
                // the outage goes on: Curator's background retries give up meanwhile (logged at
                // ERROR, several times per client, unless tamed)
                Thread.sleep(10_000);
                zk.restart();
                eventually("reconnected", () -> lines(captured, "re-established").size() == 2);
                assertThat(s.server().port()).isPositive();
            } finally {
                System.setErr(original);
            }
        }
        List<String> log = Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines(captured, "suspended")).hasSize(2);
        assertThat(lines(captured, "ZooKeeper session")).hasSize(2);
        assertThat(lines(captured, "re-established")).hasSize(2);
        assertThat(log).noneMatch(l -> l.contains(" ERROR ") && l.contains("org.apache.curator"))
            .noneMatch(l -> l.contains("Sleep extension too large"));
    }

    private static List<String> lines(ByteArrayOutputStream out, String containing) {
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
            .filter(l -> l.contains(containing) && l.contains("ConnectionLog"))
            .toList();
    }
}
