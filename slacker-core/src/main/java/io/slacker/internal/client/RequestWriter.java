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
 * encodes every queued request into one buffer, writes it once and flushes once. A failed write
 * fails the calls of its batch (those still pending: each call completes once).
 */
final class RequestWriter implements Runnable {
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
        int n = 0;
        int size = 0;
        PendingCall call;
        while ((call = queue.poll()) != null) {
            if (call.isDone()) {
                continue; // timed out (or failed) while queued: nobody waits for the answer
            }
            if (n == batch.length) {
                batch = Arrays.copyOf(batch, n * 2);
            }
            batch[n++] = call;
            size += call.sizeHint();
        }
        if (n == 0) {
            return;
        }
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
            return;
        }
        Batch written = new Batch(Arrays.copyOf(batch, sent));
        Arrays.fill(batch, 0, sent, null);
        channel.writeAndFlush(buf).addListener(written);
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
