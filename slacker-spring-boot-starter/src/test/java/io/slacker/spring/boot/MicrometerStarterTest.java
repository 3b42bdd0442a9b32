package io.slacker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.slacker.spring.sample.api.Greeter;
import io.slacker.spring.sample.server.SampleServer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Micrometer wiring and {@link RemoteService} injection: a server application and a client
 * application, each with its own {@link MeterRegistry} and {@link ObservationRegistry} beans,
 * over loopback; after one real call each side's registries hold exactly that call. The client
 * lists no {@code slacker.client.proxies}: the proxy comes from the annotation alone.
 */
@SpringBootTest(classes = MicrometerStarterTest.ClientApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class MicrometerStarterTest {
    private static ConfigurableApplicationContext server;

    /**
     * Observations seen by a registry (their names, once stopped). Not itself a handler bean:
     * Spring Boot would register such a bean with the registry a second time.
     */
    static final class Recorder {
        final List<String> stopped = new CopyOnWriteArrayList<>();

        ObservationHandler<Observation.Context> handler() {
            return new ObservationHandler<>() {
                @Override
                public void onStop(Observation.Context context) {
                    stopped.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            };
        }
    }

    /** A meter registry and an observation registry of their own, for either application. */
    static class Registries {
        final Recorder recorder = new Recorder();

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry() {
            ObservationRegistry r = ObservationRegistry.create();
            r.observationConfig().observationHandler(recorder.handler());
            return r;
        }

        @Bean
        Recorder recorder() {
            return recorder;
        }
    }

    /** A local implementation of the remote interface: the qualifier must still pick the proxy. */
    @Component
    static class LocalGreeter implements Greeter {
        @Override
        public String hello(String name) {
            return "local " + name;
        }

        @Override
        public long slow(long millis) {
            return millis;
        }
    }

    /** A bean with the remote interface on a constructor parameter and on a field. */
    @Component
    static class Greetings {
        private final Greeter byConstructor;
        @RemoteService
        Greeter byField;

        Greetings(@RemoteService Greeter byConstructor) {
            this.byConstructor = byConstructor;
        }
    }

    /** The client application under test. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Registries.class, Greetings.class, LocalGreeter.class})
    static class ClientApp {
    }

    static synchronized ConfigurableApplicationContext server() {
        if (server == null) {
            server = new SpringApplicationBuilder(SampleServer.class, Registries.class).web(WebApplicationType.NONE)
                .properties("slacker.server.host=127.0.0.1", "slacker.server.port=0", "spring.main.banner-mode=off")
                .run();
        }
        return server;
    }

    @DynamicPropertySource
    static void clientProperties(DynamicPropertyRegistry registry) {
        registry.add("slacker.client.address", () -> "127.0.0.1:" + server().getEnvironment()
            .getRequiredProperty(SlackerServerLifecycle.LOCAL_PORT_PROPERTY, Integer.class));
        registry.add("slacker.client.timeout", () -> "20s");
        // the client application serves its LocalGreeter too
        registry.add("slacker.server.host", () -> "127.0.0.1");
        registry.add("slacker.server.port", () -> "0");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Autowired
    Greetings greetings;

    @Autowired
    MeterRegistry clientMeters;

    @Autowired
    Recorder clientObservations;

    @Test
    void oneRealCallCountedOnBothSidesThroughAnnotatedProxies() {
        assertThat(Proxy.isProxyClass(greetings.byConstructor.getClass())).isTrue();
        assertThat(greetings.byField).isSameAs(greetings.byConstructor).isNotInstanceOf(LocalGreeter.class);
        assertThat(greetings.byConstructor.hello("Ada")).isEqualTo("hello, Ada");

        assertThat(clientMeters.get("slacker.client.calls")
            .tags("namespace", "sample.greeter", "function", "hello", "result", "success").timer().count()).isEqualTo(1);
        assertThat(clientObservations.stopped).containsExactly("slacker.rpc.client");

        MeterRegistry serverMeters = server().getBean(MeterRegistry.class);
        // the server records a call once its answer is written, which may be just after the client has it
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(serverMeters.find("slacker.server.calls")
            .tags("namespace", "sample.greeter", "function", "hello", "result", "success").timer())
            .isNotNull().extracting(t -> t.count()).isEqualTo(1L));
        org.awaitility.Awaitility.await().untilAsserted(() ->
            assertThat(server().getBean(Recorder.class).stopped).containsExactly("slacker.rpc.server"));
    }
}
