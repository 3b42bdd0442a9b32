package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.slacker.ConnectionBrokenException;
import io.slacker.internal.BatchWriter;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The requests of one channel, written in batches ({@link BatchWriter}). A call that timed out
 * (or failed) while queued is not sent; a failed write fails the calls of its buffer (those still
 * pending: each call completes once). Fire-and-forget requests go the same way, told when they
 * are written or not.
 */
final class RequestWriter extends BatchWriter<PendingCall> {
    private final PendingCalls pending;
    private final String address;

    RequestWriter(Channel channel, PendingCalls pending, String address) {
        super(channel);
        this.pending = pending;
        this.address = address;
    }

    Channel channel() {
        return channel;
    }

    @Override
    protected boolean wanted(PendingCall call) {
        // nobody waits for the answer of a call no longer pending
        return !call.expectsAnswer() || pending.contains(call);
    }

    @Override
    protected int sizeHint(PendingCall call) {
        return call.sizeHint();
    }

    @Override
    protected void encode(PendingCall call, ByteBuf out) {
        call.encode(out);
    }

    @Override
    protected void encodeFailed(PendingCall call, RuntimeException e) {
        fail(call, notSent(call, e));
    }

    @Override
    protected ChannelPromise written(List<PendingCall> written) {
        return new BatchPromise(written);
    }

    @Override
    protected void unsent(PendingCall call, RejectedExecutionException e) {
        fail(call, new ConnectionBrokenException("connection to " + address + " lost", e));
    }

    private ConnectionBrokenException notSent(PendingCall call, Throwable cause) {
        return new ConnectionBrokenException("could not send " + call.description() + " to " + address + ": " + cause, cause);
    }

    private void fail(PendingCall call, Throwable error) {
        if (!call.expectsAnswer() || pending.remove(call)) {
            call.failed(error);
        }
    }

    /**
     * The write of one buffer, and its own listener: fails the buffer's calls when the write
     * fails, tells fire-and-forget ones they went out. One object per buffer (the calls of a
     * buffer of one are not copied into an array).
     */
    private final class BatchPromise extends DefaultChannelPromise implements ChannelFutureListener {
        private final PendingCall single;
        private final PendingCall[] calls;
        private final boolean oneWay;

        BatchPromise(List<PendingCall> written) {
            super(channel);
            boolean anyOneWay = false;
            for (int i = 0, n = written.size(); i < n; i++) {
                anyOneWay |= !written.get(i).expectsAnswer();
            }
            oneWay = anyOneWay;
            single = written.size() == 1 ? written.get(0) : null;
            calls = single == null ? written.toArray(new PendingCall[0]) : null;
            addListener(this);
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            if (f.isSuccess() && !oneWay) {
                return;
            }
            if (single != null) {
                settle(single, f);
            } else {
                for (PendingCall c : calls) {
                    settle(c, f);
                }
            }
        }

        private void settle(PendingCall c, ChannelFuture f) {
            if (f.isSuccess()) {
                if (!c.expectsAnswer()) {
                    c.sent();
                }
            } else {
                fail(c, notSent(c, f.cause()));
            }
        }
    }
}
