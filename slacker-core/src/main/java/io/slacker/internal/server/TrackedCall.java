package io.slacker.internal.server;

import io.slacker.internal.protocol.Extension;
import io.netty.buffer.ByteBuf;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.protocol.ResultCode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call received over TCP: its {@link CallTracker} entry, its {@link Reply} (a frame through
 * the connection's {@link Outbox}) and its interruption, in one object.
 *
 * <p>An interrupt of a call not started yet keeps it from running; of a call running, interrupts
 * its thread, exactly once and only while it runs this call ({@link #end()} waits for an
 * interrupt under way and clears it); of an asynchronous call, cancels its completion.
 */
final class TrackedCall implements Reply {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedCall.class);
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;
    private static final int INTERRUPTING = 3;
    private static final int INTERRUPTED = 4;
    private static final int CANCELED = 5;
    private static final VarHandle STATE;
    private static final VarHandle FINISHED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(TrackedCall.class, "state", int.class);
            FINISHED = l.findVarHandle(TrackedCall.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CallTracker tracker;
    private final Outbox outbox;
    private final Frame.Request request;
    private volatile int state;
    private volatile boolean finished;
    private volatile boolean abandoned;
    /** An interrupt came for this call (unlike {@link #abandoned}, which a closed connection sets too). */
    private volatile boolean interruptRequested;
    private volatile Thread runner;
    private volatile Future<?> completion;
    // the answer, handed to the Outbox's event loop through its queue: a response's parts, or an error frame
    private int resultCode;
    private byte[] data;
    private List<Extension> extensions;
    private Frame.Error error;

    TrackedCall(CallTracker tracker, Outbox outbox, Frame.Request request) {
        this.tracker = tracker;
        this.outbox = outbox;
        this.request = request;
    }

    int tid() {
        return request.tid();
    }

    /** An upper bound of the answer's encoded size; event loop only. */
    int answerSize() {
        return error != null ? FrameCodec.sizeHint(error) : FrameCodec.responseSizeHint(data, extensions);
    }

    /** Encodes the answer; event loop only. */
    void writeAnswer(ByteBuf out) {
        if (error != null) {
            FrameCodec.encode(error, out);
        } else {
            FrameCodec.encodeResponse(request.version(), request.tid(), request.contentTypeCode(), resultCode, data,
                extensions, out);
        }
    }

    /** The answer is written (event loop). */
    void answered() {
        tracker.answered(this);
    }

    @Override
    public void respond(ResultCode code, byte[] data, List<Extension> extensions) {
        this.resultCode = code.code();
        this.data = data;
        this.extensions = extensions;
        outbox.send(this);
    }

    @Override
    public void error(ResultCode code, String reason) {
        LOG.debug("tid {}: {}", request.tid(), reason);
        error = new Frame.Error(request.version(), request.tid(), code);
        outbox.send(this);
    }

    @Override
    public void done() {
        if (FINISHED.compareAndSet(this, false, true)) {
            tracker.finished();
        }
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    /** Its connection closed: the answer goes nowhere. */
    void abandon() {
        abandoned = true;
    }

    @Override
    public boolean begin() {
        runner = Thread.currentThread();
        return STATE.compareAndSet(this, NEW, RUNNING);
    }

    @Override
    public void end() {
        if (!STATE.compareAndSet(this, RUNNING, ENDED)) {
            while (state == INTERRUPTING) {
                Thread.onSpinWait();
            }
            if (state == INTERRUPTED) {
                Thread.interrupted();
            }
        }
        runner = null;
    }

    @Override
    public void pending(Future<?> f) {
        completion = f;
        // only an interrupt cancels: a closed connection leaves the function's future alone (it
        // may be shared with other callers); its answer just goes nowhere
        if (interruptRequested) {
            f.cancel(true);
        }
    }

    /** Interrupts the call (from its connection's event loop, which has forgotten it): its answer will not be sent. */
    void interrupt() {
        abandoned = true;
        interruptRequested = true;
        if (!STATE.compareAndSet(this, NEW, CANCELED) && STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            try {
                Thread t = runner;
                if (t != null && t != Thread.currentThread()) {
                    t.interrupt();
                }
            } finally {
                state = INTERRUPTED;
            }
        }
        Future<?> f = completion;
        if (f != null) {
            f.cancel(true);
        }
        done();
    }
}
