package io.slacker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slacker.cluster.ClusterClient;
import io.slacker.spring.sample.api.Greeter;
import io.slacker.spring.sample.client.SampleClient;
import io.slacker.spring.sample.client.Welcome;
import io.slacker.spring.sample.server.SampleServer;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same two applications through a real ZooKeeper (curator-test): the server registers in the
 * cluster {@code spring-sample}, the client finds it there.
 */
@SpringBootTest(classes = SampleClient.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStarterTest {
    private static final String CLUSTER = "spring-sample";
    private static TestingServer zk;
    private static ConfigurableApplicationContext server;

    static synchronized String zookeeper() {
        if (zk == null) {
            try {
                zk = new TestingServer(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            server = new SpringApplicationBuilder(SampleServer.class).web(WebApplicationType.NONE)
                .properties("slacker.server.host=127.0.0.1", "slacker.server.port=0", "sample.greeting=hej",
                    "slacker.cluster.zookeeper=" + zk.getConnectString(), "slacker.cluster.name=" + CLUSTER,
                    "spring.main.banner-mode=off")
                .run();
        }
        return zk.getConnectString();
    }

    @DynamicPropertySource
    static void clientProperties(DynamicPropertyRegistry registry) {
        registry.add("slacker.cluster.zookeeper", ClusterStarterTest::zookeeper);
        registry.add("slacker.cluster.name", () -> CLUSTER);
        registry.add("slacker.client.proxies", Greeter.class::getName);
        registry.add("slacker.client.timeout", () -> "20s");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Autowired
    Welcome welcome;

    @Autowired
    ClusterClient clusterClient;

    @Test
    @Order(1)
    void proxyCallsThroughTheCluster() {
        assertThat(welcome.welcome("Ada")).isEqualTo("The server says: hej, Ada");
        String address = server.getBean(SlackerServerLifecycle.class).clusterServer().address();
        assertThat(clusterClient.servers("sample.greeter")).containsExactly(address);
    }

    @Test
    @Order(2)
    void serverHealthShowsZooKeeperAndTheRegisteredNamespaces() {
        Health health = server.getBean(SlackerHealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("zookeeper", "connected");
        assertThat(health.getDetails().get("registered")).asList().containsExactly("sample.greeter");
    }

    @Test
    @Order(3)
    void serverHealthGoesDownWithZooKeeperAndUpWhenItIsBack() throws Exception {
        zk.stop();
        SlackerHealthIndicator indicator = server.getBean(SlackerHealthIndicator.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("zookeeper", "disconnected");
        });
        zk.restart();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(welcome.welcome("again")).isEqualTo("The server says: hej, again");
        });
    }
}
