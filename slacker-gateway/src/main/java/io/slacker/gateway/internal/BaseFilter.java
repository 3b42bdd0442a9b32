package io.slacker.gateway.internal;

import io.slacker.gateway.GatewayFilter;

/** A built-in filter: type, order and name fixed at construction. */
abstract class BaseFilter implements GatewayFilter {
    /** The attribute holding the matched {@link io.slacker.gateway.GatewayConfig.Route}. */
    static final String ROUTE = "gateway.route";
    /** The attribute holding the caller's API key. */
    static final String API_KEY = "gateway.apiKey";
    /** The attribute holding the request id. */
    static final String REQUEST_ID = "gateway.requestId";

    private final String type;
    private final int order;

    BaseFilter(String type, int order) {
        this.type = type;
        this.order = order;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final int order() {
        return order;
    }
}
