package io.slacker.micrometer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.SlackerServer;

/**
 * Serves a Prometheus registry as {@code GET /metrics} on the server's HTTP transport (which must
 * be on: {@link SlackerServer.Builder#http(int)}). Needs {@code micrometer-registry-prometheus}
 * on the class path (an optional dependency of this module).
 */
public final class SlackerPrometheus {
    /** The scrape path. */
    public static final String PATH = "/metrics";
    /** The content type of the text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private SlackerPrometheus() {
    }

    /** Binds the server meters to {@code registry} and serves it at {@value #PATH}; returns the builder. */
    public static SlackerServer.Builder bind(SlackerServer.Builder server, PrometheusMeterRegistry registry) {
        SlackerMetrics.bind(server, registry);
        return server.httpGet(PATH, CONTENT_TYPE, registry::scrape);
    }
}
