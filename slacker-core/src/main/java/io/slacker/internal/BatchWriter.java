package io.slacker.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Frames of one channel on their way from any thread to its event loop, in batches: a sender
 * queues its item and wakes the loop only when no drain is pending; the drain encodes every
 * queued item into one buffer (a new one past about 64 KiB; a larger item gets one of its own),
 * writes each buffer and flushes once. Saves a task, a wake-up, a buffer, a pipeline pass, a
 * promise and a flush per frame when frames come close together. The client's requests and the
 * server's answers go out this way; subclasses say how an item is encoded and what happens to it
 * when it is written, fails to encode, or cannot be sent.
 *
 * @param <T> what is queued (a call that encodes its own frame)
 */
public abstract class BatchWriter<T> implements Runnable {
    private static final int MAX_BUFFER = 64 * 1024;

    /** The channel written to. */
    protected final Channel channel;
    private final Queue<T> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The drain's items; event loop only. */
    private final List<T> batch = new ArrayList<>();
    /** The items of the buffer being filled; event loop only. */
    private final List<T> encoded = new ArrayList<>();

    protected BatchWriter(Channel channel) {
        this.channel = channel;
    }

    /** Queues {@code item} for the next drain (from any thread). */
    public final void send(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this);
            } catch (RejectedExecutionException e) {
                // the event loop is gone, and with it the connection
                T dropped;
                while ((dropped = queue.poll()) != null) {
                    unsent(dropped, e);
                }
            }
        }
    }

    @Override
    public final void run() {
        scheduled.set(false);
        T item;
        while ((item = queue.poll()) != null) {
            if (wanted(item)) {
                batch.add(item);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write();
        } finally {
            batch.clear();
        }
    }

    private void write() {
        int n = batch.size();
        int i = 0;
        while (i < n) {
            int size = sizeHint(batch.get(i));
            int j = i + 1;
            for (int next; j < n && size + (next = sizeHint(batch.get(j))) <= MAX_BUFFER; j++) {
                size += next;
            }
            ByteBuf out = channel.alloc().ioBuffer(size);
            encoded.clear();
            try {
                for (int k = i; k < j; k++) {
                    T x = batch.get(k);
                    int mark = out.writerIndex();
                    try {
                        encode(x, out);
                        encoded.add(x);
                    } catch (RuntimeException e) {
                        out.writerIndex(mark);
                        encodeFailed(x, e);
                    }
                }
            } catch (Throwable t) {
                out.release();
                encoded.clear();
                throw t;
            }
            if (encoded.isEmpty()) {
                out.release();
            } else {
                channel.write(out, written(encoded));
                encoded.clear();
            }
            i = j;
        }
        channel.flush();
    }

    /** Whether a queued item still needs sending (checked by the drain); default yes. */
    protected boolean wanted(T item) {
        return true;
    }

    /** An upper bound of the bytes {@link #encode} writes for {@code item}. */
    protected abstract int sizeHint(T item);

    /** Appends the item's frame to {@code out}; may throw, and then writes nothing (the rest go on). */
    protected abstract void encode(T item, ByteBuf out);

    /** The item could not be encoded; it is left out of the batch. */
    protected abstract void encodeFailed(T item, RuntimeException e);

    /**
     * These items went into one buffer, about to be written: returns the promise of that write
     * (called on the event loop; the list is reused afterwards: copy what a listener needs).
     */
    protected abstract ChannelPromise written(List<T> items);

    /** The item cannot be sent: the channel's event loop has shut down. */
    protected abstract void unsent(T item, RejectedExecutionException e);
}
