package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import java.util.concurrent.CompletableFuture;

/**
 * One call waiting for its answer, and the future of that call: completed exactly once, by
 * whoever removes it from {@link PendingCalls} (the reply, the timeout sweep, the loss of its
 * connection, or a failed send). This base sends a {@link Frame} and completes with the reply
 * frame itself (the caller decodes it); subclasses may encode their request from its parts and
 * complete with the decoded result.
 */
class PendingCall extends CompletableFuture<Object> {
    final int tid;
    final int version;
    final String description;
    final boolean interruptOnTimeout;
    /** When the call times out, in {@link System#nanoTime()} terms. */
    final long deadline;
    final long timeoutMillis;
    /** The request to send (null when a subclass encodes it); read by the writer once the call is queued. */
    private final Frame request;
    /** The channel the request goes out on; null while waiting for the connection. */
    volatile Channel channel;

    PendingCall(Frame request, String description, long timeoutMillis, boolean interruptOnTimeout) {
        this(request.tid(), request.version(), request, description, timeoutMillis, interruptOnTimeout);
    }

    PendingCall(int tid, int version, Frame request, String description, long timeoutMillis, boolean interruptOnTimeout) {
        this.request = request;
        this.tid = tid;
        this.version = version;
        this.description = description;
        this.timeoutMillis = timeoutMillis;
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.interruptOnTimeout = interruptOnTimeout;
    }

    /** An upper bound of the request's encoded size. */
    int sizeHint() {
        return FrameCodec.sizeHint(request);
    }

    /** Writes the request frame. */
    void encode(ByteBuf out) {
        FrameCodec.encode(request, out);
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
