package io.slacker.internal.client;

import io.netty.channel.EventLoopGroup;
import io.slacker.CallOptions;
import io.slacker.ConnectionBrokenException;
import io.slacker.internal.protocol.InspectCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The machinery of one server's client: its connection, its pending-call table and the caller
 * that runs calls over them. {@link io.slacker.SlackerClient} is its public face.
 */
public final class ClientCore {
    private final ClientConfig config;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final PendingCalls pending;
    private final Connection connection;
    private final Caller caller;
    private volatile boolean closed;

    /** A client on this group; {@code ownGroup}: shut the group down on {@link #close()}. */
    public ClientCore(ClientConfig config, EventLoopGroup group, boolean ownGroup) {
        this.config = config;
        this.group = group;
        this.ownGroup = ownGroup;
        this.pending = new PendingCalls(config.backlog());
        this.connection = new Connection(config, group, pending);
        this.caller = new Caller(config, connection, pending, group);
    }

    /** The settings. */
    public ClientConfig config() {
        return config;
    }

    /** One call; never throws, the future carries the failure. */
    public CompletableFuture<Object> call(String ns, String fn, List<?> args, CallOptions options) {
        return caller.call(ns, fn, args, options);
    }

    /** One call that waits for its answer and decodes it on the calling thread; throws the call's failure. */
    public Object callBlocking(String ns, String fn, List<?> args, CallOptions options) {
        return caller.callBlocking(ns, fn, args, options);
    }

    /** Sends without waiting for the answer. */
    public void fireAndForget(String ns, String fn, List<?> args, CallOptions options) {
        caller.fireAndForget(ns, fn, args, options);
    }

    /** An inspect request; completes with the decoded EDN answer. */
    public CompletableFuture<Object> inspect(InspectCommand command, String argument) {
        return caller.inspect(command, argument);
    }

    /** The server's version from its hello, or null. */
    public String serverVersion() {
        return connection.serverVersion();
    }

    /** Whether the connection is up. */
    public boolean isConnected() {
        return connection.current() != null;
    }

    /** Calls waiting for their answer. */
    public int inFlight() {
        return pending.size();
    }

    /** Closes the connection, fails the calls in flight, and shuts down an owned group. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
        pending.failAll(null, () -> new ConnectionBrokenException("client for " + config.address() + " closed"));
        if (ownGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
