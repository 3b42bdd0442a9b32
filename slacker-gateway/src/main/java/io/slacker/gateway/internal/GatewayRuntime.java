package io.slacker.gateway.internal;

import io.slacker.gateway.GatewayConfig;

/** What a connection needs from the running gateway. */
interface GatewayRuntime {
    /** The filter chain. */
    FilterChain chain();

    /** The configuration now in force. */
    GatewayConfig config();

    /** Whether the gateway is stopping (new requests get 503). */
    boolean closing();

    /** How long a request may stay in the chain before it is answered 504 and its connection closed. */
    long requestTimeoutMillis();

    /** A request entered the chain. */
    void begin();

    /**
     * A request's response was written.
     *
     * @param ctx         its context, or null when the chain did not finish in time
     * @param status      the status sent
     * @param startNanos  {@link System#nanoTime()} at {@link #begin()}
     */
    void end(DefaultRequestContext ctx, int status, long startNanos);
}
