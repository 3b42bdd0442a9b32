package io.slacker.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;

/**
 * Binds Micrometer meters to slacker servers and clients through their builders' observation
 * hooks; slacker-core itself does not depend on Micrometer.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;
 * SlackerServer server = SlackerMetrics.bind(SlackerServer.builder(), registry)
 *     .expose(ExampleApi.class, impl).start();
 * SlackerClient client = SlackerMetrics.bind(SlackerClient.builder().address("host:2104"), registry).build();
 * ClusterClient cluster = ClusterClient.builder()...
 *     .client(SlackerMetrics.bind(SlackerClient.builder(), registry)).build();   // the template of every server's client
 * }</pre>
 *
 * <p>Meter names and tags are listed in {@code docs/observability.md}.
 */
public final class SlackerMetrics {
    private SlackerMetrics() {
    }

    /** Server meters ({@code slacker.server.*}) on {@code registry}; returns the builder. */
    public static SlackerServer.Builder bind(SlackerServer.Builder server, MeterRegistry registry) {
        return bind(server, registry, Tags.empty());
    }

    /** Server meters with extra tags on every meter (e.g. {@code server=host:port}). */
    public static SlackerServer.Builder bind(SlackerServer.Builder server, MeterRegistry registry, Iterable<
        io.micrometer.core.instrument.Tag> tags) {
        return server.observer(new ServerMetrics(registry, Tags.of(tags)));
    }

    /** Client meters ({@code slacker.client.*}) on {@code registry}; returns the builder. */
    public static SlackerClient.Builder bind(SlackerClient.Builder client, MeterRegistry registry) {
        return bind(client, registry, Tags.empty());
    }

    /**
     * Client meters with extra tags on every meter. They take the builder's client observer and
     * connection observer (one each, as a server's observer): to meter into several registries,
     * bind one {@link io.micrometer.core.instrument.composite.CompositeMeterRegistry}.
     */
    public static SlackerClient.Builder bind(SlackerClient.Builder client, MeterRegistry registry,
                                             Iterable<io.micrometer.core.instrument.Tag> tags) {
        ClientMetrics metrics = new ClientMetrics(registry, Tags.of(tags));
        return client.observer(metrics).connectionObserver(metrics);
    }

    /**
     * A meter filter that gives {@code slacker.client.calls} a percentile histogram (off by default:
     * it about doubles the cost of timing a call on the client's I/O thread). Add it to the registry
     * before binding clients: {@code registry.config().meterFilter(SlackerMetrics.clientHistograms())}.
     */
    public static MeterFilter clientHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("slacker.client.calls")
                    ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                    : config;
            }
        };
    }

    /** A gauge of the calls waiting for their answer on this client (its backlog in use). */
    public static SlackerClient gaugeBacklog(SlackerClient client, MeterRegistry registry) {
        Gauge.builder("slacker.client.calls.pending", client, SlackerClient::inFlight)
            .description("Calls sent and not answered yet").tag("server", client.address()).register(registry);
        return client;
    }
}
