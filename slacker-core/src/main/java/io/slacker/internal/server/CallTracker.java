package io.slacker.internal.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls of one connection that are still running, by transaction id, so that an interrupt
 * can find them. Each call holds its place in the server's {@link CallGate} until it finishes.
 */
final class CallTracker {
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    private final CallGate gate;

    CallTracker(CallGate gate) {
        this.gate = gate;
    }

    /** A call that started; returns its handle, or null when the server is stopping. */
    Running start(int tid) {
        if (!gate.enter()) {
            return null;
        }
        Running r = new Running();
        running.put(tid, r);
        return r;
    }

    /** The call finished (answered or abandoned). */
    void finish(int tid, Running r) {
        if (r.finished.compareAndSet(false, true)) {
            running.remove(tid, r);
            gate.leave();
        }
    }

    /** Interrupts the call with this tid, if it is running; its answer will not be sent. */
    boolean interrupt(int tid) {
        Running r = running.get(tid);
        if (r == null) {
            return false;
        }
        r.abandoned = true;
        Future<?> f = r.future;
        if (f != null) {
            f.cancel(true);
        }
        finish(tid, r);
        return true;
    }

    /**
     * The connection closed: nothing more will be sent for its calls. They still count as in
     * flight until they end (graceful stop waits for them); a call still queued ends at once.
     */
    void abandonAll() {
        for (Running r : running.values()) {
            r.abandoned = true;
        }
    }

    /** One running call. */
    static final class Running {
        final AtomicBoolean finished = new AtomicBoolean();
        volatile boolean abandoned;
        volatile Future<?> future;
    }
}
