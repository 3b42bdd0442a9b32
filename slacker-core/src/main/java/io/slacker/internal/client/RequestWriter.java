package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.internal.PlatformDependent;
import io.slacker.ConnectionBrokenException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requests of one channel on their way from the calling threads to its event loop, in
 * batches: a caller queues its call and wakes the loop only when no drain is pending; the drain
 * encodes the queued requests into one buffer (one per 64 KiB or so), writes it and flushes once.
 * A failed write fails the calls of its buffer (those still pending: each call completes once).
 */
final class RequestWriter implements Runnable {
    /** A batch's buffer grows to about this size; more queued requests go out in further buffers (one flush). */
    private static final int MAX_BUFFER = 64 * 1024;

    private final Channel channel;
    private final PendingCalls pending;
    private final String address;
    private final Queue<PendingCall> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The drain's scratch list; only the event loop touches it. */
    private PendingCall[] batch = new PendingCall[16];

    RequestWriter(Channel channel, PendingCalls pending, String address) {
        this.channel = channel;
        this.pending = pending;
        this.address = address;
    }

    Channel channel() {
        return channel;
    }

    /** Queues a registered call's request (from any thread). */
    void send(PendingCall call) {
        queue.add(call);
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this);
            } catch (RejectedExecutionException e) {
                // the event loop is gone, and with it the connection
                PendingCall c;
                while ((c = queue.poll()) != null) {
                    fail(c, new ConnectionBrokenException("connection to " + address + " lost", e));
                }
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        boolean wrote = false;
        int n = 0;
        long size = 0;
        PendingCall call;
        while ((call = queue.poll()) != null) {
            if (!pending.contains(call)) {
                continue; // timed out (or failed) while queued: nobody waits for the answer
            }
            int hint = call.sizeHint();
            if (n > 0 && size + hint > MAX_BUFFER) {
                wrote |= write(n, (int) size);
                n = 0;
                size = 0;
            }
            if (n == batch.length) {
                batch = Arrays.copyOf(batch, n * 2);
            }
            batch[n++] = call;
            size += hint;
        }
        if (n > 0) {
            wrote |= write(n, (int) size);
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** Encodes the first {@code n} calls of the batch into one buffer and writes it (no flush); false when none could be encoded. */
    private boolean write(int n, int size) {
        ByteBuf buf = channel.alloc().ioBuffer(size);
        int sent = 0;
        for (int i = 0; i < n; i++) {
            PendingCall c = batch[i];
            batch[i] = null;
            int mark = buf.writerIndex();
            try {
                c.encode(buf);
                batch[sent++] = c;
            } catch (RuntimeException e) {
                buf.writerIndex(mark);
                fail(c, new ConnectionBrokenException("could not send " + c.description() + " to " + address + ": " + e, e));
            }
        }
        if (sent == 0) {
            buf.release();
            return false;
        }
        Batch written = new Batch(Arrays.copyOf(batch, sent));
        Arrays.fill(batch, 0, sent, null);
        channel.write(buf).addListener(written);
        return true;
    }

    private void fail(PendingCall call, Throwable error) {
        if (pending.remove(call)) {
            call.failed(error);
        }
    }

    /** The calls of one write; fails them when the write fails. */
    private final class Batch implements ChannelFutureListener {
        private final PendingCall[] calls;

        Batch(PendingCall[] calls) {
            this.calls = calls;
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            if (f.isSuccess()) {
                return;
            }
            for (PendingCall c : calls) {
                fail(c, new ConnectionBrokenException("could not send " + c.description() + " to " + address + ": "
                    + f.cause(), f.cause()));
            }
        }
    }
}
