package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slacker.CallOptions;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ClusterServer;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import io.slacker.examples.api.ExampleApi;
import java.time.Duration;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The example cluster server joins a cluster a ClusterClient calls into. */
class ExampleClusterServerTest {
    @Test
    void servesTheExampleNamespacesInACluster() throws Exception {
        try (TestingServer zk = new TestingServer(-1, true);
             ClusterServer a = ExampleClusterServer.start(0, zk.getConnectString(), "examples");
             ClusterServer b = ExampleClusterServer.start(0, zk.getConnectString(), "examples");
             ClusterClient client = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster("examples")
                 .build()) {
            assertThat(a.address()).startsWith("127.0.0.1:");
            assertThat(client.servers("slacker.example.api")).containsExactlyInAnyOrder(a.address(), b.address());

            ExampleApi api = client.proxy(ExampleApi.class);
            assertThat(api.randInts(3)).hasSize(3);
            assertThat(client.call("slacker.example.api2", "echo2", List.of("hi"))).isEqualTo("hi");
            Object both = client.call("slacker.example.api", "echo", List.of(7L),
                GroupingPolicy.defaults().withSelector(Grouping.ALL).withMerger(GroupingResults.VECTOR).options());
            assertThat(both).isEqualTo(List.of(7L, 7L));

            // the manager namespace is there: take b out of slacker.example.api
            client.call(ClusterServer.MANAGER_NAMESPACE, "offline-ns", List.of("slacker.example.api"),
                GroupingPolicy.defaults().withSelector((ns, fn, args, servers) -> List.of(b.address())).options());
            await().atMost(Duration.ofSeconds(20))
                .until(() -> client.servers("slacker.example.api").equals(List.of(a.address())));
        }
    }

    @Test
    void theGreetingFollowsTheClusterConfigWithoutARestart() throws Exception {
        try (TestingServer zk = new TestingServer(-1, true);
             ClusterConfig config = ClusterConfig.builder().zookeeper(zk.getConnectString()).cluster("examples")
                 .app("example").start();
             ConfigGreeting greeting = new ConfigGreeting(config);
             ClusterServer server = ExampleClusterServer.start(0, zk.getConnectString(), "examples", greeting);
             ClusterConfig admin = ClusterConfig.builder().zookeeper(zk.getConnectString()).cluster("examples")
                 .app("example").start();
             ClusterClient client = ClusterClient.builder().zookeeper(zk.getConnectString()).cluster("examples")
                 .build()) {
            assertThat(client.call(ConfigGreeting.NAMESPACE, "greet", List.of("Ada"))).isEqualTo("Hello, Ada!");
            admin.set(ConfigGreeting.KEY, "Bonjour");
            await().atMost(Duration.ofSeconds(20))
                .until(() -> "Bonjour, Ada!".equals(client.call(ConfigGreeting.NAMESPACE, "greet", List.of("Ada"))));
            assertThat(server.namespaces()).contains(ConfigGreeting.NAMESPACE, "slacker.example.api");
        }
    }
}
