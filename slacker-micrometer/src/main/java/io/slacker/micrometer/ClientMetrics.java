package io.slacker.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.slacker.ContentType;
import io.slacker.spi.ClientObserver;
import io.slacker.spi.ConnectionObserver;

/**
 * A client's meters: a client observer timing every call (the core measures the duration, from
 * the call to its outcome, only when an observer is bound), and a connection observer counting
 * connects, reconnects and losses. A function the server did not know is tagged {@value ServerMetrics#UNKNOWN}. The call timer has no percentile histogram unless the
 * registry's filters ask for one ({@link SlackerMetrics#clientHistograms()}): recording it runs on the
 * connection's I/O thread, which bounds a pipelining client's throughput.
 */
final class ClientMetrics implements ClientObserver, ConnectionObserver {
    private final MeterRegistry registry;
    private final Tags commonTags;
    private final CallTimers calls;
    private final Counter timeouts;
    private final Counter connects;
    private final Counter reconnects;
    private final Counter disconnects;

    ClientMetrics(MeterRegistry registry, Tags commonTags) {
        this.registry = registry;
        this.commonTags = commonTags;
        this.calls = new CallTimers(registry, "slacker.client.calls", "Calls made by the client, from the call to its answer",
            commonTags, false, CallResult.TAGS);
        this.timeouts = Counter.builder("slacker.client.timeouts").description("Calls that timed out")
            .tags(commonTags).register(registry);
        this.connects = Counter.builder("slacker.client.connects").description("Connections established (first and later)")
            .tags(commonTags).register(registry);
        this.reconnects = Counter.builder("slacker.client.reconnects").description("Connections re-established after a loss")
            .tags(commonTags).register(registry);
        this.disconnects = Counter.builder("slacker.client.disconnects").description("Connections lost or closed")
            .tags(commonTags).register(registry);
    }

    @Override
    public void callCompleted(String namespace, String function, ContentType contentType, Throwable error,
                              long durationNanos) {
        CallResult result = CallResult.of(error);
        if (result == CallResult.TIMEOUT) {
            timeouts.increment();
        }
        boolean known = result != CallResult.NOT_FOUND;
        calls.record(known ? namespace : ServerMetrics.UNKNOWN, known ? function : ServerMetrics.UNKNOWN, contentType,
            result.tag(), durationNanos);
    }

    @Override
    public void callSent(String namespace, String function, ContentType contentType, Throwable error) {
        Counter.builder("slacker.client.fire.and.forget").description("Fire-and-forget calls sent, or not sent")
            .tags(commonTags).tag("namespace", namespace).tag("function", function)
            .tag("result", error == null ? "sent" : CallResult.of(error).tag()).tag("content.type", contentType.wireName())
            .register(registry).increment();
    }

    @Override
    public void connected(String address, boolean reconnect) {
        connects.increment();
        if (reconnect) {
            reconnects.increment();
        }
    }

    @Override
    public void disconnected(String address) {
        disconnects.increment();
    }
}
