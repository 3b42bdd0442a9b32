package io.slacker.internal.client;

import io.netty.channel.Channel;
import io.slacker.BacklogOverflowException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The calls in flight on one client, by transaction id, with the backlog limit. An entry leaves
 * the table exactly once; the remover completes it.
 */
final class PendingCalls {
    private final ConcurrentHashMap<Integer, PendingCall> calls = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int limit;

    PendingCalls(int limit) {
        this.limit = limit;
    }

    /**
     * Adds a call.
     *
     * @throws BacklogOverflowException when {@code limit} calls are already in flight
     */
    void register(PendingCall call) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            throw new BacklogOverflowException("more than " + limit + " calls in flight; refused " + call.description);
        }
        calls.put(call.tid, call);
    }

    /** Removes and returns the call with this tid, or null when it is no longer pending. */
    PendingCall remove(int tid) {
        PendingCall call = calls.remove(tid);
        if (call != null) {
            inFlight.decrementAndGet();
        }
        return call;
    }

    /** Fails every call sent on {@code channel} (every call when {@code channel} is null). */
    void failAll(Channel channel, Supplier<? extends Throwable> error) {
        for (PendingCall call : calls.values()) {
            if ((channel == null || call.channel == channel) && calls.remove(call.tid, call)) {
                inFlight.decrementAndGet();
                call.fail(error.get());
            }
        }
    }

    /** The number of calls in flight. */
    int size() {
        return inFlight.get();
    }
}
