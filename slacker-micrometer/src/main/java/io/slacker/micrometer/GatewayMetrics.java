package io.slacker.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayExtension;
import io.slacker.gateway.GatewayFilter;
import io.slacker.gateway.GatewayObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Gateway meters (needs slacker-gateway on the class path): timer {@code slacker.gateway.requests}
 * tagged {@code route} (a configured route's name, {@code default}, {@code _gateway} or
 * {@code none}: see {@link GatewayObserver}) and {@code status} ({@code 2xx} ... {@code 5xx}), so
 * the number of series is bounded by the configured routes.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Gateway.builder().zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *     .extension(GatewayMetrics.prometheus(registry)).start();   // GET /metrics
 * }</pre>
 */
public final class GatewayMetrics {
    /** The timer's name. */
    public static final String REQUESTS = "slacker.gateway.requests";
    /** The pre-filter order of the {@code /metrics} endpoint (before the gateway's own endpoints, at 10). */
    public static final int METRICS_FILTER_ORDER = 5;

    private GatewayMetrics() {
    }

    /** An extension that records every answered request in {@code registry}. */
    public static GatewayExtension extension(MeterRegistry registry) {
        return setup -> {
            setup.observer(observer(registry));
            return null;
        };
    }

    /** {@link #extension} plus {@code GET /metrics} answering the registry's scrape (text format). */
    public static GatewayExtension prometheus(PrometheusMeterRegistry registry) {
        return setup -> {
            setup.observer(observer(registry));
            setup.filter(GatewayFilter.of(FilterType.PRE, METRICS_FILTER_ORDER,
                ctx -> !ctx.hasResponse() && ctx.method().equals("GET") && ctx.path().equals(SlackerPrometheus.PATH),
                ctx -> ctx.respond(200, SlackerPrometheus.CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8))));
            return null;
        };
    }

    private static GatewayObserver observer(MeterRegistry registry) {
        ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
        return (route, status, nanos) -> timers.computeIfAbsent(route + ' ' + status / 100, k ->
            Timer.builder(REQUESTS).description("Requests answered by the gateway")
                .tag("route", route).tag("status", status / 100 + "xx").register(registry))
            .record(nanos, TimeUnit.NANOSECONDS);
    }
}
