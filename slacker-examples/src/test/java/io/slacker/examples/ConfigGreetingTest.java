package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.SlackerServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The greeting follows its config key while the server runs. */
class ConfigGreetingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void greetingFollowsTheConfigWithoutARestart() {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterConfig config = ClusterConfig.builder().zookeeper(zk.connectString()).cluster("cfg").app("example").start();
             ConfigGreeting greeting = new ConfigGreeting(config);
             ClusterServer server = ClusterServer.builder()
                 .server(ConfigGreeting.expose(SlackerServer.builder().host("127.0.0.1").port(0), greeting))
                 .zookeeper(zk.connectString()).cluster("cfg").node("127.0.0.1").gracePeriod(Duration.ZERO).start();
             ClusterClient client = ClusterClient.builder().zookeeper(zk.connectString()).cluster("cfg").build();
             ClusterConfig admin = ClusterConfig.builder().zookeeper(zk.connectString()).cluster("cfg").app("example").start()) {
            assertThat(server.namespaces()).contains(ConfigGreeting.NAMESPACE);
            assertThat(client.call(ConfigGreeting.NAMESPACE, "greet", List.of("Ann"))).isEqualTo("Hello, Ann!");

            admin.set(ConfigGreeting.KEY, "Hi");
            await().atMost(WAIT).until(() -> "Hi, Ann!".equals(client.call(ConfigGreeting.NAMESPACE, "greet", List.of("Ann"))));

            // a value of the wrong type is refused: the greeting stays
            // (a listener added after the greeting's is told after it, so once it saw 42 the greeting did too)
            List<Object> seen = new CopyOnWriteArrayList<>();
            config.addListener(c -> seen.add(c.newValue()));
            admin.set(ConfigGreeting.KEY, 42L);
            await().atMost(WAIT).until(() -> seen.contains(42L));
            assertThat(greeting.greeting()).isEqualTo("Hi");
            assertThat(client.call(ConfigGreeting.NAMESPACE, "greet", List.of())).isEqualTo("Hi, world!");

            admin.delete(ConfigGreeting.KEY);
            await().atMost(WAIT).until(() -> "Hello, Bo!".equals(client.call(ConfigGreeting.NAMESPACE, "greet", List.of("Bo"))));
        }
    }
}
