package io.slacker.dashboard;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.cluster.ClusterServer;
import io.slacker.data.Keyword;
import io.slacker.micrometer.SlackerPrometheus;
import io.slacker.SlackerServer;
import java.time.Duration;
import java.util.Map;

/** Cluster nodes for the dashboard tests: real servers published in a real ZooKeeper. */
final class TestCluster {
    static final String NAME = "dash";

    private TestCluster() {
    }

    /** A node serving {@link GreeterApi} that publishes Prometheus metrics (server data {@code :http-port}). */
    static ClusterServer meteredNode(String zk) {
        SlackerServer server = SlackerPrometheus.bind(SlackerServer.builder(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .host("127.0.0.1").port(0).http(0).expose(GreeterApi.class, new GreeterApi.Impl()).start();
        return ClusterServer.builder().server(server).zookeeper(zk).cluster(NAME).node("127.0.0.1")
            .serverData(Map.of(Keyword.of("http-port"), (long) server.httpPort(), Keyword.of("zone"), Keyword.of("a")))
            .sessionTimeout(Duration.ofSeconds(3)).gracePeriod(Duration.ofMillis(100))
            .start();
    }

    /** A node serving {@link GreeterApi} without metrics. */
    static ClusterServer plainNode(String zk) {
        return ClusterServer.builder()
            .server(SlackerServer.builder().host("127.0.0.1").port(0).expose(GreeterApi.class, new GreeterApi.Impl()))
            .zookeeper(zk).cluster(NAME).node("127.0.0.1")
            .sessionTimeout(Duration.ofSeconds(3)).gracePeriod(Duration.ofMillis(100))
            .start();
    }
}
