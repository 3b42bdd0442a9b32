package io.slacker.gateway;

/**
 * Told of every request the gateway answers (for metrics). Called on I/O threads after the
 * response is written: must be thread-safe and quick.
 *
 * <p>The {@code route} label is bounded: the name of a configured route, {@value #DEFAULT_ROUTE}
 * for the default {@code <prefix>/<namespace>/<function>} route, {@value #OPS} for the gateway's
 * own endpoints ({@code /_gateway/...}, {@code /metrics}) and {@value #NO_ROUTE} when nothing
 * matched. Namespaces and paths are never used, so a client cannot grow the label set.
 */
@FunctionalInterface
public interface GatewayObserver {
    /** The route label of the default slacker route. */
    String DEFAULT_ROUTE = "default";
    /** The route label of the gateway's own endpoints. */
    String OPS = "_gateway";
    /** The route label of a request no route matched. */
    String NO_ROUTE = "none";

    /**
     * One answered request.
     *
     * @param route         the route label (see above)
     * @param status        the HTTP status sent
     * @param durationNanos from the request entering the filter chain to the response being written
     */
    void onResponse(String route, int status, long durationNanos);
}
