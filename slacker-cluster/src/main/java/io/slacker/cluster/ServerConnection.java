package io.slacker.cluster;

import io.slacker.CallOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The cluster client's handle on one server (a {@link io.slacker.client.SlackerClient} in practice). */
interface ServerConnection extends AutoCloseable {
    /** {@code host:port}. */
    String address();

    /** One call; fails with a {@link io.slacker.SlackerException}. */
    CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options);

    /** Calls waiting for their answer. */
    int inFlight();

    /** Closes the connection (failing calls in flight). */
    @Override
    void close();

    /** Makes connections. */
    @FunctionalInterface
    interface Factory {
        ServerConnection connect(String address);
    }
}
