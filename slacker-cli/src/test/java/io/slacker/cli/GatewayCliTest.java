package io.slacker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cluster.ClusterServer;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.testing.EmbeddedZooKeeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code slacker gateway}: a gateway started from the command line answers HTTP calls into the cluster. */
class GatewayCliTest {
    @Test
    void gatewayCommandServesTheCluster() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer server = ClusterServer.builder()
                 .server(ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0))
                 .zookeeper(zk.connectString()).cluster("gw-cli").node("127.0.0.1").gracePeriod(Duration.ZERO).start()) {
            StringWriter out = new StringWriter();
            CommandLine cl = SlackerCli.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("gateway", "--zk", zk.connectString(),
                "--cluster", "gw-cli", "--host", "127.0.0.1", "--port", "0", "--prefix", "/api", "--metrics", "--dashboard",
                "--duration", "5s"));
            Pattern p = Pattern.compile("Gateway on http://127\\.0\\.0\\.1:(\\d+)/api");
            Matcher m = p.matcher("");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(m = p.matcher(out.toString())).find() && !exit.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(m.find(0)).as(out.toString()).isTrue();
            int port = Integer.parseInt(m.group(1));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/slacker.example.api/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("[\"via cli\"]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("\"via cli\"");
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("slacker_gateway_requests_seconds_count{route=\"default\",status=\"2xx\"} 1");
            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/_gateway/dashboard/api/cluster")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(200);
            assertThat(state.body()).contains("\"cluster\":\"gw-cli\"");
            assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).contains("Gateway stopped");
        }
    }
}
