package io.slacker.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.cluster.ClusterClient;
import io.slacker.micrometer.ClusterMetrics;
import io.slacker.micrometer.SlackerMetrics;
import io.slacker.micrometer.SlackerTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer wiring when slacker-micrometer is on the class path (an optional dependency of the
 * starter): with a {@link MeterRegistry} bean the server and client meters
 * ({@link SlackerMetrics}) and the cluster client's failover and leader-change counters
 * ({@link ClusterMetrics}); with an {@link ObservationRegistry} bean Observations with W3C trace
 * context around server and client calls ({@link SlackerTracing}). The registries are looked up
 * when the server or a client is built, so Actuator's own beans are used when present. Off with
 * {@code slacker.micrometer.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.slacker.micrometer.SlackerMetrics")
@ConditionalOnProperty(prefix = "slacker.micrometer", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SlackerMicrometerAutoConfiguration {

    /** Meters, with a (unique or primary) {@link MeterRegistry} bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        SlackerServerCustomizer slackerServerMetrics(ObjectProvider<MeterRegistry> registry) {
            return server -> registry.ifUnique(r -> SlackerMetrics.bind(server, r));
        }

        @Bean
        SlackerClientCustomizer slackerClientMetrics(ObjectProvider<MeterRegistry> registry) {
            return new SlackerClientCustomizer() {
                @Override
                public void customize(SlackerClient.Builder client) {
                    registry.ifUnique(r -> SlackerMetrics.bind(client, r));
                }

                @Override
                public void customize(ClusterClient.Builder cluster) {
                    registry.ifUnique(r -> ClusterMetrics.bind(cluster, r));
                }
            };
        }
    }

    /** Observations, with a (unique or primary) {@link ObservationRegistry} bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    static class Tracing {
        @Bean
        SlackerServerCustomizer slackerServerTracing(ObjectProvider<ObservationRegistry> registry) {
            return (SlackerServer.Builder server) -> registry.ifUnique(r -> SlackerTracing.bind(server, r));
        }

        @Bean
        SlackerClientCustomizer slackerClientTracing(ObjectProvider<ObservationRegistry> registry) {
            return new SlackerClientCustomizer() {
                @Override
                public void customize(SlackerClient.Builder client) {
                    registry.ifUnique(r -> SlackerTracing.bind(client, r));
                }
            };
        }
    }
}
