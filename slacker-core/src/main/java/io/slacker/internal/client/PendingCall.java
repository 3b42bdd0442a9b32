package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.slacker.internal.protocol.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * One call waiting for its answer, and the future of that call: completed exactly once, by
 * whoever removes it from {@link PendingCalls} (the reply, the timeout sweep, the loss of its
 * connection, or a failed send). By default it completes with the reply {@link Frame} itself
 * (the caller decodes it); a subclass may complete with the decoded result instead.
 *
 * <p>Only what every call needs is a field here; the rest (name, settings, how the request is
 * encoded) comes from the subclass, which keeps it in whatever form it already has: one small
 * object per call.
 */
abstract class PendingCall extends CompletableFuture<Object> {
    final int tid;
    /** When the call times out, in {@link System#nanoTime()} terms. */
    final long deadline;
    /** The channel the request goes out on; null while waiting for the connection. */
    volatile Channel channel;
    /** The thread in {@link #await}, if any. */
    private volatile Thread waiter;

    PendingCall(int tid, long timeoutMillis) {
        this.tid = tid;
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /** What the call is, for messages: {@code ns/fn}, or the inspect request. */
    abstract String description();

    /** The protocol version of the request. */
    abstract int version();

    /** The call's timeout, for the timeout's message. */
    abstract long timeoutMillis();

    /** Whether to send an interrupt to the server when the call times out. */
    abstract boolean interruptOnTimeout();

    /** An upper bound of the request's encoded size. */
    abstract int sizeHint();

    /** Writes the request frame. */
    abstract void encode(ByteBuf out);

    /** Whether an answer comes (and the call is pending until then); false for fire-and-forget. */
    boolean expectsAnswer() {
        return true;
    }

    /** The request was written; only called for calls that {@linkplain #expectsAnswer expect no answer}. */
    void sent() {
    }

    /** The answer arrived (called once, by the remover). */
    void answered(Frame frame) {
        complete(frame);
    }

    /** The call failed (called once, by the remover). */
    void failed(Throwable error) {
        completeExceptionally(error);
    }

    /**
     * Waits for the outcome, as {@link #get()} but without a waiter node per call (one blocking
     * caller at most: the thread that made the call).
     */
    Object await() throws ExecutionException, InterruptedException {
        if (!isDone()) {
            waiter = Thread.currentThread();
            try {
                while (!isDone()) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            } finally {
                waiter = null;
            }
        }
        return get();
    }

    @Override
    public boolean complete(Object value) {
        boolean done = super.complete(value);
        wake();
        return done;
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
        boolean done = super.completeExceptionally(error);
        wake();
        return done;
    }

    private void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
