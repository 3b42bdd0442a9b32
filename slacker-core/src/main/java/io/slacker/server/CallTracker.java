package io.slacker.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls of one connection that are still running, by transaction id, so that an interrupt
 * can find them; and the server-wide in-flight count that graceful shutdown waits on.
 */
final class CallTracker {
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    private final AtomicInteger serverInFlight;

    CallTracker(AtomicInteger serverInFlight) {
        this.serverInFlight = serverInFlight;
    }

    /** A call that started; returns its handle. */
    Running start(int tid) {
        Running r = new Running();
        serverInFlight.incrementAndGet();
        running.put(tid, r);
        return r;
    }

    /** The call finished (answered or abandoned). */
    void finish(int tid, Running r) {
        if (r.finished.compareAndSet(false, true)) {
            running.remove(tid, r);
            serverInFlight.decrementAndGet();
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
