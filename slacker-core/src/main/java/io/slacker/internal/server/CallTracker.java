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
        running.put(key(call.tid()), call);
        return true;
    }

    /** The call ended (answered, interrupted or abandoned); from any thread, once per started call. */
    void finished() {
        gate.leave();
    }

    /** The call's answer was written: an interrupt can no longer find it. */
    void answered(TrackedCall call) {
        int key = key(call.tid());
        if (running.get(key) == call) {
            running.remove(key);
        }
    }

    /** Interrupts the call with this tid, if it is running; its answer will not be sent. */
    boolean interrupt(int tid) {
        TrackedCall call = running.remove(key(tid));
        if (call == null) {
            return false;
        }
        call.interrupt();
        return true;
    }

    /**
     * The map's key of a tid: a bijection that scatters the bits. The map places keys by their
     * low bits as they are, and a client's tids count up: as such they would fill one long run
     * of slots that every removal walks.
     */
    private static int key(int tid) {
        int h = tid;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
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
