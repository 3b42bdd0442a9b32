package io.slacker.internal.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of one connection that are still running, by transaction id, so that an interrupt
 * can find them. Each call holds its place in the server's {@link CallGate} until it finishes.
 */
final class CallTracker {
    private final Map<Integer, TrackedCall> running = new ConcurrentHashMap<>();
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

    /** The call finished (answered, interrupted or abandoned); called once per started call. */
    void finished(TrackedCall call) {
        running.remove(call.tid(), call);
        gate.leave();
    }

    /** Interrupts the call with this tid, if it is running; its answer will not be sent. */
    boolean interrupt(int tid) {
        TrackedCall call = running.get(tid);
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
    }
}
