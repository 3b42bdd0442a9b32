package io.slacker.internal.client;

import io.netty.channel.Channel;
import io.slacker.BacklogOverflowException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The calls in flight on one client, by transaction id, with the backlog limit. An entry leaves
 * the table exactly once (a compare-and-set decides who removes it); the remover completes it.
 *
 * <p>Tids are handed out in sequence, so a call lives in the slot {@code tid & mask} of a fixed
 * array: no boxing and no node per call. The rare call whose slot is still taken by an older call
 * (one that outlived {@code slots} newer ones) goes to an overflow map. A call is in exactly one
 * of the two places.
 */
final class PendingCalls {
    private static final int MAX_SLOTS = 1024;

    private final AtomicReferenceArray<PendingCall> slots;
    private final int mask;
    private final ConcurrentHashMap<Integer, PendingCall> overflow = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int limit;

    PendingCalls(int limit) {
        this.limit = limit;
        int n = Integer.highestOneBit(Math.max(16, Math.min(MAX_SLOTS, limit)) * 2 - 1);
        this.slots = new AtomicReferenceArray<>(n);
        this.mask = n - 1;
    }

    /**
     * Adds a call.
     *
     * @throws BacklogOverflowException when {@code limit} calls are already in flight
     */
    void register(PendingCall call) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            throw new BacklogOverflowException("more than " + limit + " calls in flight; refused " + call.description());
        }
        if (!slots.compareAndSet(call.tid & mask, null, call)) {
            overflow.put(call.tid, call);
        }
    }

    /** Removes and returns the call with this tid, or null when it is no longer pending. */
    PendingCall remove(int tid) {
        int i = tid & mask;
        PendingCall call = slots.get(i);
        if (call != null && call.tid == tid) {
            return slots.compareAndSet(i, call, null) ? removed(call) : null;
        }
        if (overflow.isEmpty()) {
            return null;
        }
        call = overflow.remove(tid);
        return call == null ? null : removed(call);
    }

    /** Removes this call; true when it was pending (the caller now completes it). */
    boolean remove(PendingCall call) {
        int i = call.tid & mask;
        if (slots.get(i) == call) {
            if (slots.compareAndSet(i, call, null)) {
                removed(call);
                return true;
            }
            return false;
        }
        if (overflow.remove(call.tid, call)) {
            removed(call);
            return true;
        }
        return false;
    }

    /** Whether this call is still pending (not yet completed by a remover). */
    boolean contains(PendingCall call) {
        return slots.get(call.tid & mask) == call || !overflow.isEmpty() && overflow.get(call.tid) == call;
    }

    private PendingCall removed(PendingCall call) {
        inFlight.decrementAndGet();
        return call;
    }

    /** Fails every call sent on {@code channel} (every call when {@code channel} is null). */
    void failAll(Channel channel, Supplier<? extends Throwable> error) {
        forEach(call -> {
            if ((channel == null || call.channel == channel) && remove(call)) {
                call.failed(error.get());
            }
        });
    }

    /**
     * Removes the calls whose deadline is at or before {@code now} and hands them to
     * {@code expired}.
     *
     * @return the earliest deadline of the calls left, or {@link Long#MAX_VALUE} when none is left
     */
    long expire(long now, Consumer<PendingCall> expired) {
        long[] next = {Long.MAX_VALUE};
        forEach(call -> {
            if (call.deadline - now <= 0) {
                if (remove(call)) {
                    expired.accept(call);
                }
            } else if (next[0] == Long.MAX_VALUE || call.deadline - next[0] < 0) {
                next[0] = call.deadline;
            }
        });
        return next[0];
    }

    private void forEach(Consumer<PendingCall> action) {
        for (int i = 0; i < slots.length(); i++) {
            PendingCall call = slots.get(i);
            if (call != null) {
                action.accept(call);
            }
        }
        if (!overflow.isEmpty()) {
            overflow.values().forEach(action);
        }
    }

    /** The number of calls in flight. */
    int size() {
        return inFlight.get();
    }
}
