package io.slacker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.spring.sample.api.Greeter;
import io.slacker.spring.sample.client.SampleClient;
import io.slacker.spring.sample.client.Welcome;
import io.slacker.spring.sample.server.SampleServer;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * Two applications over loopback: the sample server (its {@code Greeter} bean exposed by the
 * starter on a free port) and the sample client under test ({@code Greeter} injected as a proxy
 * from {@code slacker.client.address} and {@code slacker.client.proxies}).
 */
@SpringBootTest(classes = SampleClient.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class DirectStarterTest {
    private static ConfigurableApplicationContext server;

    static synchronized ConfigurableApplicationContext server() {
        if (server == null) {
            server = new SpringApplicationBuilder(SampleServer.class).web(WebApplicationType.NONE)
                .properties("slacker.server.host=127.0.0.1", "slacker.server.port=0", "sample.greeting=bonjour",
                    "spring.main.banner-mode=off")
                .run();
        }
        return server;
    }

    static int serverPort() {
        return server().getEnvironment().getRequiredProperty(SlackerServerLifecycle.LOCAL_PORT_PROPERTY, Integer.class);
    }

    @DynamicPropertySource
    static void clientProperties(DynamicPropertyRegistry registry) {
        registry.add("slacker.client.address", () -> "127.0.0.1:" + serverPort());
        registry.add("slacker.client.proxies", Greeter.class::getName);
        registry.add("slacker.client.timeout", () -> "20s");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Autowired
    Welcome welcome;

    @Autowired
    Greeter greeter;

    @Autowired
    SlackerServerLifecycle clientSideLifecycle;

    @Test
    void constructorInjectedProxyCallsTheServerApplication() {
        assertThat(welcome.welcome("Ada")).isEqualTo("The server says: bonjour, Ada");
    }

    @Test
    void fieldInjectedProxyIsARemoteProxy() {
        assertThat(Proxy.isProxyClass(greeter.getClass())).isTrue();
        assertThat(greeter.hello("Bob")).isEqualTo("bonjour, Bob");
    }

    @Test
    void theClientApplicationRunsNoServer() {
        // its only Greeter is the proxy, which is never exposed
        assertThat(clientSideLifecycle.isRunning()).isFalse();
        assertThat(clientSideLifecycle.server()).isNull();
    }

    @Test
    void serverHealthIsUpWithPortAndNamespaces() {
        Health health = server().getBean(SlackerHealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("port", serverPort());
        assertThat(health.getDetails().get("namespaces")).asList().containsExactly("sample.greeter");
        assertThat(health.getDetails()).doesNotContainKey("zookeeper");
    }
}
