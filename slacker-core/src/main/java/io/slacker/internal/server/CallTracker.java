package io.slacker.internal.server;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * The calls of one connection that are still running, by transaction id, so that an interrupt
 * can find them. Each call holds its place in the server's {@link CallGate} until it finishes.
 *
 * <p>Event loop only, so a plain int-keyed map: a call is registered when its request is read,
 * and leaves the map when its answer goes out (the {@link Outbox} drain runs on the same loop)
 * or when it is interrupted. The workers only leave the gate.
 */
final class CallTracker {
    private final IntObjectMap<TrackedCall> running = new IntObjectHashMap<>();
    private final CallGate gate;

    CallTracker(CallGate gate) {
        this.gate = gate;
    }

    /** Registers a call that starts; false when the server is stopping (the call is refused). */
    boolean start(TrackedCall call) {
        if (!gate.enter()) {
            return false;
        }
        running.put(call.tid(), call);
        return true;
    }

    /** The call ended (answered, interrupted or abandoned); from any thread, once per started call. */
    void finished() {
        gate.leave();
    }

    /** The call's answer was written: an interrupt can no longer find it. */
    void answered(TrackedCall call) {
        int tid = call.tid();
        if (running.get(tid) == call) {
            running.remove(tid);
        }
    }

    /** Interrupts the call with this tid, if it is running; its answer will not be sent. */
    boolean interrupt(int tid) {
        TrackedCall call = running.remove(tid);
        if (call == null) {
            return false;
        }
        call.interrupt();
        return true;
    }

    /**
     * The connection closed: nothing more will be sent for its calls. They still count as in
     * flight until they end (graceful stop waits for them); a call still queued ends at once.
     */
    void abandonAll() {
        for (TrackedCall call : running.values()) {
            call.abandon();
        }
        running.clear();
    }
}
