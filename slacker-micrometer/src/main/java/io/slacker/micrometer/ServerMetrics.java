package io.slacker.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.slacker.ContentType;
import io.slacker.spi.ServerObserver;
import io.slacker.spi.ServerStats;
import java.net.SocketAddress;
import java.util.List;

/**
 * A server's meters, fed by its {@link ServerObserver} hook. Names outside the server's exposed functions
 * are tagged {@value #UNKNOWN}, so callers cannot blow up the number of series.
 */
final class ServerMetrics implements ServerObserver {
    static final String UNKNOWN = "unknown";
    /** The result-code names a server reports. */
    private static final List<String> RESULTS = List.of("success", "exception", "not-found", "thread-pool-full", "canceled",
        "invalid-packet", "protocol-mismatch", "acl-reject");

    private final MeterRegistry registry;
    private final Tags commonTags;
    private final CallTimers calls;
    private final Counter rejected;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter connectionsOpened;

    ServerMetrics(MeterRegistry registry, Tags commonTags) {
        this.registry = registry;
        this.commonTags = commonTags;
        this.calls = new CallTimers(registry, "slacker.server.calls", "Calls answered by the server, from arrival to answer",
            commonTags, true, RESULTS);
        this.rejected = Counter.builder("slacker.server.calls.rejected")
            .description("Calls refused because the worker pool was full").tags(commonTags).register(registry);
        this.bytesIn = Counter.builder("slacker.server.bytes.received").baseUnit("bytes")
            .description("Bytes read from TCP connections").tags(commonTags).register(registry);
        this.bytesOut = Counter.builder("slacker.server.bytes.sent").baseUnit("bytes")
            .description("Bytes written to TCP connections").tags(commonTags).register(registry);
        this.connectionsOpened = Counter.builder("slacker.server.connections.opened")
            .description("TCP connections accepted").tags(commonTags).register(registry);
    }

    @Override
    public void started(ServerStats stats) {
        Gauge.builder("slacker.server.calls.in.flight", stats, ServerStats::inFlight)
            .description("Calls accepted and not answered yet").tags(commonTags).strongReference(true).register(registry);
        Gauge.builder("slacker.server.connections", stats, ServerStats::connections)
            .description("Open TCP connections").tags(commonTags).strongReference(true).register(registry);
        Gauge.builder("slacker.server.workers.active", stats, ServerStats::workersActive)
            .description("Worker threads running a call").tags(commonTags).strongReference(true).register(registry);
        Gauge.builder("slacker.server.workers.queued", stats, ServerStats::workersQueued)
            .description("Calls waiting for a worker").tags(commonTags).strongReference(true).register(registry);
    }

    @Override
    public void callCompleted(String namespace, String function, ContentType contentType, String result,
                              long durationNanos) {
        calls.record(function == null ? UNKNOWN : namespace, function == null ? UNKNOWN : function, contentType, result,
            durationNanos);
        if ("thread-pool-full".equals(result)) {
            rejected.increment();
        }
    }

    @Override
    public void connectionOpened(SocketAddress remote) {
        connectionsOpened.increment();
    }

    @Override
    public void bytesReceived(long bytes) {
        bytesIn.increment(bytes);
    }

    @Override
    public void bytesSent(long bytes) {
        bytesOut.increment(bytes);
    }
}
