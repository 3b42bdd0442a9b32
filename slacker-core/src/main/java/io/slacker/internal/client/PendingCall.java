package io.slacker.internal.client;

import io.netty.channel.Channel;
import io.slacker.internal.protocol.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One call waiting for its answer: completed exactly once, by whoever removes it from
 * {@link PendingCalls} (the reply, its timeout, the loss of its connection, or a failed send).
 */
final class PendingCall {
    final int tid;
    final int version;
    final String description;
    final boolean interruptOnTimeout;
    final CompletableFuture<Frame> reply = new CompletableFuture<>();
    /** The channel the request went out on; null while waiting for the connection. */
    volatile Channel channel;
    volatile ScheduledFuture<?> timeout;

    PendingCall(int tid, int version, String description, boolean interruptOnTimeout) {
        this.tid = tid;
        this.version = version;
        this.description = description;
        this.interruptOnTimeout = interruptOnTimeout;
    }

    void complete(Frame frame) {
        cancelTimer();
        reply.complete(frame);
    }

    void fail(Throwable error) {
        cancelTimer();
        reply.completeExceptionally(error);
    }

    private void cancelTimer() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }
}
