package io.slacker.spi;

/** Live figures of a running server, for gauges; every method is cheap and thread-safe. */
public interface ServerStats {
    /** Calls accepted and not answered yet. */
    int inFlight();

    /** Open TCP connections. */
    int connections();

    /** Worker threads running a call right now (the server's own pools). */
    int workersActive();

    /** Calls waiting for a worker (the server's own pools). */
    int workersQueued();
}
