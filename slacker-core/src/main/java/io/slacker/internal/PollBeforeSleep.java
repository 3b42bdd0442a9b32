package io.slacker.internal;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * An event loop that, once it runs out of work, keeps polling for I/O and tasks for up to
 * {@code pollNanos} before it goes to sleep in {@code epoll_wait}. Work that comes within that
 * time (the next request of a client waiting for its answer, a worker's answer) is taken without
 * waking a sleeping thread, which on a virtualised or loaded machine costs tens of microseconds of
 * latency, and CPU time comparable to the poll.
 *
 * <p>Polling backs off when it does not pay: after a poll that ended with nothing, the loop
 * sleeps at once for the next 1, then 3, 7 ... up to {@value #MAX_SKIP} times it runs out of
 * work; a poll that finds work ends the back-off. An idle loop never polls: polling starts only
 * after work. One instance per event loop, used by its thread only.
 */
public final class PollBeforeSleep implements SelectStrategy {
    /** The most chances to poll skipped in a row after polls that found nothing. */
    static final int MAX_SKIP = 63;

    private final long pollNanos;
    private boolean polling;
    private long deadline;
    private int skip;
    private int skipped;

    PollBeforeSleep(long pollNanos) {
        this.pollNanos = pollNanos;
    }

    /** Event loops that poll up to {@code pollNanos} before they sleep. */
    public static SelectStrategyFactory factory(long pollNanos) {
        if (pollNanos <= 0) {
            throw new IllegalArgumentException("poll time must be > 0");
        }
        return () -> new PollBeforeSleep(pollNanos);
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            found();
            return selectNow.get();
        }
        if (!polling) {
            if (skipped < skip) {
                skipped++;
                return SELECT;
            }
            polling = true;
            deadline = System.nanoTime() + pollNanos;
        }
        int ready = selectNow.get();
        if (ready > 0) {
            found();
            return ready;
        }
        if (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            return CONTINUE;
        }
        // nothing came in time: sleep, and skip the next chances to poll (more after each miss)
        polling = false;
        skipped = 0;
        skip = Math.min(MAX_SKIP, skip * 2 + 1);
        return SELECT;
    }

    private void found() {
        if (polling) {
            polling = false;
            skip = 0;
            skipped = 0;
        }
    }
}
