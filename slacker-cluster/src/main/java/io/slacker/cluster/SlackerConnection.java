package io.slacker.cluster;

import io.slacker.CallOptions;
import io.slacker.client.SlackerClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link ServerConnection} over a {@link SlackerClient}: the only class that knows the core client. */
final class SlackerConnection implements ServerConnection {
    private final SlackerClient client;

    SlackerConnection(SlackerClient client) {
        this.client = client;
    }

    @Override
    public String address() {
        return client.address();
    }

    @Override
    public CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options) {
        return client.callAsync(ns, fn, args, options);
    }

    @Override
    public int inFlight() {
        return client.inFlight();
    }

    @Override
    public void close() {
        client.close();
    }
}
