package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
        fail(call, new ConnectionBrokenException("could not send " + call.description() + " to " + address + ": " + e, e));
    }

    @Override
    protected void written(List<PendingCall> written, ChannelFuture write) {
        PendingCall[] calls = written.toArray(new PendingCall[0]);
        boolean oneWay = false;
        for (PendingCall c : calls) {
            oneWay |= !c.expectsAnswer();
        }
        boolean tellSent = oneWay;
        write.addListener(f -> {
            if (f.isSuccess()) {
                if (tellSent) {
                    for (PendingCall c : calls) {
                        if (!c.expectsAnswer()) {
                            c.sent();
                        }
                    }
                }
                return;
            }
            for (PendingCall c : calls) {
                fail(c, new ConnectionBrokenException("could not send " + c.description() + " to " + address + ": "
                    + f.cause(), f.cause()));
            }
        });
    }

    @Override
    protected void unsent(PendingCall call, RejectedExecutionException e) {
        fail(call, new ConnectionBrokenException("connection to " + address + " lost", e));
    }

    private void fail(PendingCall call, Throwable error) {
        if (!call.expectsAnswer() || pending.remove(call)) {
            call.failed(error);
        }
    }
}
