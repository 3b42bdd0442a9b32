package io.slacker.internal.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one call lifecycle every transport goes through: a call enters (refused once a graceful
 * stop has begun), runs, and leaves; a stop waits until every call that entered has left.
 */
public final class CallGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    /** Lets a call in, or refuses it ({@code false}) when the server is stopping. Pair with {@link #leave()}. */
    public boolean enter() {
        inFlight.incrementAndGet();
        if (closing) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A call that entered is done (answered or abandoned). */
    public void leave() {
        inFlight.decrementAndGet();
    }

    /** Calls that entered and have not left. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Whether a stop has begun. */
    public boolean closing() {
        return closing;
    }

    /** Refuses new calls from now on and waits up to {@code timeout} for those in flight; true when none is left. */
    public boolean close(Duration timeout) {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return inFlight.get() == 0;
    }
}
