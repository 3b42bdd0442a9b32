package io.slacker.internal.server;

import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of one connection on their way from the worker threads to its event loop, in
 * batches: a worker queues its frame and wakes the loop only when no drain is pending; the drain
 * writes every queued frame and flushes once. Saves a task, a wake-up and a flush per answer
 * when answers finish close together. Frames written on the event loop itself go straight out.
 */
final class Outbox implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Channel channel;
    private final Queue<Object> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Outbox(Channel channel) {
        this.channel = channel;
    }

    /** Sends {@code frame} (from any thread). */
    void send(Object frame) {
        if (channel.eventLoop().inEventLoop()) {
            channel.writeAndFlush(frame);
            return;
        }
        queue.add(frame);
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
        boolean wrote = false;
        Object frame;
        while ((frame = queue.poll()) != null) {
            channel.write(frame);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
