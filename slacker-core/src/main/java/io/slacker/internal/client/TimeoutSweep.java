package io.slacker.internal.client;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.slacker.CallTimeoutException;
import io.slacker.internal.protocol.Frame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timeouts of one client's calls without a timer per call: each {@link PendingCall} carries
 * its deadline, and one sweep is scheduled for the earliest deadline known. The sweep times out
 * every call whose deadline has passed and schedules itself for the earliest deadline left.
 *
 * <p>{@link #arm} is called after a call is registered. Deadlines mostly grow (now plus the same
 * timeout), so arming is usually one volatile read: only an earlier deadline than the armed one
 * schedules (after a compare-and-set). A sweep clears the armed deadline before it scans, so a
 * call registered during the scan is either seen by the scan or arms a sweep of its own. Timeouts
 * fire at their deadline, never before: a call is expired only when its deadline has passed.
 */
final class TimeoutSweep {
    private static final long NONE = Long.MAX_VALUE;

    private final PendingCalls pending;
    private final EventExecutor executor;
    private final AtomicLong armed = new AtomicLong(NONE);

    TimeoutSweep(PendingCalls pending, EventExecutor executor) {
        this.pending = pending;
        this.executor = executor;
    }

    /**
     * Makes sure a sweep runs at {@code deadline} (nanoTime) or earlier.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the executor has shut down
     */
    void arm(long deadline) {
        long current = armed.get();
        while (current == NONE || deadline - current < 0) {
            if (armed.compareAndSet(current, deadline)) {
                executor.schedule(() -> sweep(deadline), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            }
            current = armed.get();
        }
    }

    /**
     * The sweep armed for {@code deadline}. A sweep whose deadline was replaced by an earlier one
     * does nothing: the earlier sweep took over (and re-arms for what is left).
     */
    private void sweep(long deadline) {
        if (!armed.compareAndSet(deadline, NONE)) {
            return;
        }
        long next = pending.expire(System.nanoTime(), TimeoutSweep::timedOut);
        if (next != NONE) {
            try {
                arm(next);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the client's close fails what is left
            }
        }
    }

    private static void timedOut(PendingCall call) {
        call.failed(new CallTimeoutException(call.description() + " timed out after " + call.timeoutMillis() + " ms"));
        Channel ch = call.channel;
        if (call.interruptOnTimeout() && ch != null && ch.isActive()) {
            ch.writeAndFlush(new Frame.Interrupt(call.version(), 0, call.tid));
        }
    }
}
