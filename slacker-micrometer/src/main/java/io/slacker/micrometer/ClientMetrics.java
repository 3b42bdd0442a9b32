package io.slacker.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.slacker.BacklogOverflowException;
import io.slacker.CanceledException;
import io.slacker.ConnectionBrokenException;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.ThreadPoolFullException;
import io.slacker.CallTimeoutException;
import io.slacker.spi.CallContext;
import io.slacker.spi.ConnectionObserver;
import io.slacker.spi.Interceptor;

/**
 * A client's meters: an interceptor timing every call from {@code pre} to {@code post}, and a
 * connection observer counting connects, reconnects and losses. A function the server did not
 * know is tagged {@value ServerMetrics#UNKNOWN}. The call timer has no percentile histogram unless the
 * registry's filters ask for one ({@link SlackerMetrics#clientHistograms()}): recording it runs on the
 * connection's I/O thread, which bounds a pipelining client's throughput.
 */
final class ClientMetrics implements Interceptor, ConnectionObserver {
    private static final String START = ClientMetrics.class.getName() + ".start";

    private final CallTimers calls;
    private final Counter timeouts;
    private final Counter connects;
    private final Counter reconnects;
    private final Counter disconnects;

    ClientMetrics(MeterRegistry registry, Tags commonTags) {
        this.calls = new CallTimers(registry, "slacker.client.calls", "Calls made by the client, from the call to its answer",
            commonTags, false);
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
    public void pre(CallContext call) {
        call.attributes().put(START, System.nanoTime());
    }

    @Override
    public void post(CallContext call) {
        Object start = call.attributes().get(START);
        if (!(start instanceof Long t0)) {
            return;
        }
        String result = result(call.error());
        if ("timeout".equals(result)) {
            timeouts.increment();
        }
        boolean known = !"not-found".equals(result);
        calls.record(known ? call.namespace() : ServerMetrics.UNKNOWN, known ? call.function() : ServerMetrics.UNKNOWN,
            call.contentType().wireName(), result, System.nanoTime() - t0);
    }

    /** The outcome tag of a call: {@code success} or the kind of its failure. */
    static String result(Throwable error) {
        if (error == null) {
            return "success";
        }
        if (error instanceof CallTimeoutException) {
            return "timeout";
        }
        if (error instanceof RemoteException) {
            return "exception";
        }
        if (error instanceof NotFoundException) {
            return "not-found";
        }
        if (error instanceof ThreadPoolFullException) {
            return "thread-pool-full";
        }
        if (error instanceof CanceledException) {
            return "canceled";
        }
        if (error instanceof ConnectionBrokenException) {
            return "connection-broken";
        }
        if (error instanceof BacklogOverflowException) {
            return "backlog-overflow";
        }
        return "error";
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
