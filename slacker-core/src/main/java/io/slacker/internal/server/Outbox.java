package io.slacker.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.slacker.internal.BatchWriter;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of one connection, written in batches ({@link BatchWriter}); answers of calls run
 * on the event loop itself are batched the same way (the drain runs after the current read
 * burst). An answer that cannot be encoded is left out with a warning, the others go.
 */
final class Outbox extends BatchWriter<TrackedCall> {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    Outbox(Channel channel) {
        super(channel);
    }

    @Override
    protected int sizeHint(TrackedCall call) {
        return call.answerSize();
    }

    @Override
    protected void encode(TrackedCall call, ByteBuf out) {
        call.writeAnswer(out);
    }

    @Override
    protected void encodeFailed(TrackedCall call, RuntimeException e) {
        LOG.warn("answer to {} (tid {}) not sent: {}", channel.remoteAddress(), call.tid(), e.getMessage());
        call.answered();
    }

    /** No promise to complete: a failed write fails the connection (the server handler closes it). */
    @Override
    protected ChannelPromise written(List<TrackedCall> calls) {
        for (int i = 0, n = calls.size(); i < n; i++) {
            calls.get(i).answered();
        }
        return channel.voidPromise();
    }

    @Override
    protected void unsent(TrackedCall call, RejectedExecutionException e) {
        LOG.debug("answer to {} dropped: its event loop has shut down", channel.remoteAddress());
    }
}
