package io.slacker.internal.server;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-wide limits on what clients may hold: open connections, the time to finish a frame
 * once begun, idle time, and the bytes held in frames not yet complete (shared by every
 * connection of both transports). Refusals are logged at WARN, rate-limited.
 */
final class InboundLimits {
    private static final Logger LOG = LoggerFactory.getLogger(InboundLimits.class);

    final int maxConnections;
    final long frameTimeoutMillis;
    final long idleTimeoutMillis;
    final long budgetBytes;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong held = new AtomicLong();
    private final WarnLimiter connectionWarnings = new WarnLimiter(LOG, 10_000);
    private final WarnLimiter refusalWarnings = new WarnLimiter(LOG, 1_000);

    InboundLimits(int maxConnections, Duration frameTimeout, Duration idleTimeout, long budgetBytes) {
        this.maxConnections = maxConnections;
        this.frameTimeoutMillis = frameTimeout.toMillis();
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.budgetBytes = budgetBytes;
    }

    /**
     * Counts a new connection; closes it (and says so, rate-limited) when it is one too many.
     *
     * @return whether the connection may stay
     */
    boolean admit(Channel ch) {
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            connectionWarnings.warn("connection limit of {} reached; closing the new connection from {}",
                maxConnections, ch.remoteAddress());
            ch.close();
            return false;
        }
        ch.closeFuture().addListener(f -> connections.decrementAndGet());
        return true;
    }

    /** Open connections counted now. */
    int connections() {
        return connections.get();
    }

    /**
     * Changes the bytes held for partial frames by {@code delta}.
     *
     * @return whether the total stays within the budget
     */
    boolean hold(long delta) {
        return held.addAndGet(delta) <= budgetBytes || delta <= 0;
    }

    /** Bytes held in partial frames right now, server-wide. */
    long held() {
        return held.get();
    }

    /** Logs a refused connection or frame at WARN (rate-limited). */
    void refused(Object remote, String why) {
        refusalWarnings.warn("{}: {}", remote, why);
    }
}
