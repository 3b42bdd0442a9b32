package io.slacker.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of one connection on their way to its event loop, in batches: a sender queues its
 * frame and wakes the loop only when no drain is pending; the drain encodes every queued frame
 * into one buffer, written and flushed once. Saves a task, a wake-up, a buffer, a pipeline pass
 * and a flush per answer when answers finish close together (answers of calls run on the event
 * loop itself are batched the same way: the drain runs after the current read burst).
 */
final class Outbox implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** Answers are gathered into buffers of about this size at most (a larger answer gets one of its own). */
    private static final int MAX_BUFFER = 64 * 1024;

    private final Channel channel;
    private final Queue<TrackedCall> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The calls whose answers the drain in progress writes; event loop only. */
    private final List<TrackedCall> batch = new ArrayList<>();

    Outbox(Channel channel) {
        this.channel = channel;
    }

    /** Sends the answer {@code call} holds (from any thread). */
    void send(TrackedCall call) {
        queue.add(call);
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this);
            } catch (RejectedExecutionException e) {
                // the event loop is gone, and with it the connection: nothing can be sent any more
                queue.clear();
                LOG.debug("answer to {} dropped: its event loop has shut down", channel.remoteAddress());
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        TrackedCall call;
        while ((call = queue.poll()) != null) {
            batch.add(call);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (channel.isActive()) {
                write();
            }
        } finally {
            batch.clear();
        }
    }

    /** Encodes the batch into buffers of up to about {@link #MAX_BUFFER} bytes (one when they fit), then flushes. */
    private void write() {
        int n = batch.size();
        int i = 0;
        while (i < n) {
            int size = batch.get(i).answerSize();
            int j = i + 1;
            for (int next; j < n && size + (next = batch.get(j).answerSize()) <= MAX_BUFFER; j++) {
                size += next;
            }
            ByteBuf out = channel.alloc().ioBuffer(size);
            try {
                for (int k = i; k < j; k++) {
                    encode(batch.get(k), out);
                    batch.get(k).answered();
                }
            } catch (Throwable t) {
                out.release();
                throw t;
            }
            if (out.isReadable()) {
                channel.write(out);
            } else {
                out.release();
            }
            i = j;
        }
        channel.flush();
    }

    /** Appends one frame; a frame that cannot be encoded is left out (with a warning), the others go. */
    private void encode(TrackedCall call, ByteBuf out) {
        int mark = out.writerIndex();
        try {
            call.writeAnswer(out);
        } catch (IllegalArgumentException e) {
            out.writerIndex(mark);
            LOG.warn("answer to {} (tid {}) not sent: {}", channel.remoteAddress(), call.tid(), e.getMessage());
        }
    }
}
