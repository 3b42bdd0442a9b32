package io.slacker.internal.client;

import io.netty.channel.Channel;
import io.slacker.internal.protocol.Frame;
import java.util.concurrent.CompletableFuture;

/**
 * One call waiting for its answer, and the future of that call: completed exactly once, by
 * whoever removes it from {@link PendingCalls} (the reply, the timeout sweep, the loss of its
 * connection, or a failed send). This base completes with the reply {@link Frame} itself (the
 * caller decodes it); subclasses complete with the decoded result.
 */
class PendingCall extends CompletableFuture<Object> {
    final int tid;
    final int version;
    final String description;
    final boolean interruptOnTimeout;
    /** When the call times out, in {@link System#nanoTime()} terms. */
    final long deadline;
    final long timeoutMillis;
    /** The request to send; read by the writer once the call is queued. */
    final Frame request;
    /** The channel the request goes out on; null while waiting for the connection. */
    volatile Channel channel;

    PendingCall(Frame request, String description, long timeoutMillis, boolean interruptOnTimeout) {
        this.request = request;
        this.tid = request.tid();
        this.version = request.version();
        this.description = description;
        this.timeoutMillis = timeoutMillis;
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.interruptOnTimeout = interruptOnTimeout;
    }

    /** The answer arrived (called once, by the remover). */
    void answered(Frame frame) {
        complete(frame);
    }

    /** The call failed (called once, by the remover). */
    void failed(Throwable error) {
        completeExceptionally(error);
    }
}
