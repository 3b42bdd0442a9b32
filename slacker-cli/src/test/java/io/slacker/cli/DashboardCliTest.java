package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code slacker dashboard} against an embedded ZooKeeper and an example cluster server. */
class DashboardCliTest {
    @Test
    void servesTheClusterUntilStopped() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer node = ClusterServer.builder()
                 .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
                 .zookeeper(zk.connectString()).cluster("cli-dash").node("127.0.0.1").start()) {
            StringWriter out = new StringWriter();
            CommandLine cl = SlackerCli.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            Thread command = new Thread(() -> cl.execute("dashboard", "--zk", zk.connectString(), "--cluster", "cli-dash",
                "--host", "127.0.0.1", "--port", "0", "--duration", "5m"), "dashboard-command");
            command.start();
            Pattern url = Pattern.compile("dashboard of cluster cli-dash on (http://127\\.0\\.0\\.1:\\d+/)");
            await().atMost(Duration.ofSeconds(30)).until(() -> url.matcher(out.toString()).find());
            Matcher m = url.matcher(out.toString());
            assertThat(m.find()).isTrue();
            URI state = URI.create(m.group(1) + "api/cluster");
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.send(HttpRequest.newBuilder(state).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("\"cluster\":\"cli-dash\"").contains("\"address\":\"" + node.address() + "\""));

            command.interrupt();
            command.join(30_000);
            assertThat(command.isAlive()).isFalse();
            // stopped: the port is closed, and so are open keep-alive connections
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(state).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class)
                .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
        }
    }

    @Test
    void unreachableZooKeeperFailsClearly() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliFixture.Run r = run("dashboard", "--zk", "127.0.0.1:" + port, "--cluster", "c", "--zk-timeout", "1s",
            "--port", "0", "--host", "127.0.0.1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("cannot reach ZooKeeper at 127.0.0.1:" + port);
    }

    @Test
    void needsZooKeeperAndCluster() {
        CliFixture.Run r = run("dashboard", "--port", "0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--zk and --cluster are required");
    }
}
