package io.slacker.internal.server;

import io.netty.util.collection.IntObjectHashMap;

/**
 * The calls of one connection that are still running, by transaction id, so that an interrupt
 * can find them. Each call holds its place in the server's {@link CallGate} until it finishes.
 *
 * <p>Event loop only: a call is registered when its request is read, and leaves when its answer
 * goes out (the {@link Outbox} drain runs on the same loop) or when it is interrupted. The
 * workers only leave the gate. Clients hand out tids in sequence, so a call goes to slot
 * {@code tid & mask} of an array that doubles (up to {@value #MAX_SLOTS}) when two calls meet in
 * a slot; a call that still meets another goes to an overflow map.
 */
final class CallTracker {
    private static final int MAX_SLOTS = 1024;

    private TrackedCall[] slots = new TrackedCall[16];
    private IntObjectHashMap<TrackedCall> overflow;
    private final CallGate gate;

    CallTracker(CallGate gate) {
        this.gate = gate;
    }

    /** Registers a call that starts; false when the server is stopping (the call is refused). */
    boolean start(TrackedCall call) {
        if (!gate.enter()) {
            return false;
        }
        put(call);
        return true;
    }

    private void put(TrackedCall call) {
        int tid = call.tid();
        int i = tid & (slots.length - 1);
        TrackedCall there = slots[i];
        if (there == null || there.tid() == tid) {
            slots[i] = call; // a repeated tid replaces the older call, as a map would
            if (overflow != null) {
                overflow.remove(tid);
            }
        } else if (slots.length < MAX_SLOTS) {
            grow();
            put(call);
        } else {
            if (overflow == null) {
                overflow = new IntObjectHashMap<>();
            }
            overflow.put(tid, call);
        }
    }

    private void grow() {
        TrackedCall[] old = slots;
        slots = new TrackedCall[old.length * 2];
        int mask = slots.length - 1;
        for (TrackedCall c : old) {
            if (c != null) {
                int i = c.tid() & mask;
                if (slots[i] == null) {
                    slots[i] = c;
                } else {
                    if (overflow == null) {
                        overflow = new IntObjectHashMap<>();
                    }
                    overflow.put(c.tid(), c);
                }
            }
        }
    }

    /** The call ended (answered, interrupted or abandoned); from any thread, once per started call. */
    void finished() {
        gate.leave();
    }

    /** The call's answer was written: an interrupt can no longer find it. */
    void answered(TrackedCall call) {
        int tid = call.tid();
        int i = tid & (slots.length - 1);
        if (slots[i] == call) {
            slots[i] = null;
        } else if (overflow != null && overflow.get(tid) == call) {
            overflow.remove(tid);
        }
    }

    /** Interrupts the call with this tid, if it is running; its answer will not be sent. */
    boolean interrupt(int tid) {
        TrackedCall call = remove(tid);
        if (call == null) {
            return false;
        }
        call.interrupt();
        return true;
    }

    private TrackedCall remove(int tid) {
        int i = tid & (slots.length - 1);
        TrackedCall call = slots[i];
        if (call != null && call.tid() == tid) {
            slots[i] = null;
            return call;
        }
        return overflow == null ? null : overflow.remove(tid);
    }

    /** How many calls are registered (for tests). */
    int size() {
        int n = overflow == null ? 0 : overflow.size();
        for (TrackedCall c : slots) {
            if (c != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * The connection closed: nothing more will be sent for its calls. They still count as in
     * flight until they end (graceful stop waits for them); a call still queued ends at once.
     */
    void abandonAll() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].abandon();
                slots[i] = null;
            }
        }
        if (overflow != null) {
            for (TrackedCall call : overflow.values()) {
                call.abandon();
            }
            overflow.clear();
        }
    }
}
