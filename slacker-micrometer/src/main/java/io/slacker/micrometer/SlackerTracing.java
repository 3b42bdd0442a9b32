package io.slacker.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.slacker.SlackerClient;
import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import io.slacker.SlackerServer;

/**
 * Micrometer Observations around calls, with W3C trace context carried in call extensions
 * ({@link TraceContext}). With a tracing bridge on the {@link ObservationRegistry} (e.g.
 * micrometer-tracing with Brave or OpenTelemetry and W3C propagation) a trace crosses Java
 * services: the client observation injects {@code traceparent}, the server observation continues
 * it; a call without it (a Clojure client, an older Java one) starts a new trace.
 *
 * <p>Server observations are named {@value #SERVER_NAME}, client ones {@value #CLIENT_NAME}; the
 * server observation of the running call is the parent of client calls made by the function on
 * its own thread, so traces chain through services.
 */
public final class SlackerTracing {
    /** Name of the server-side observation. */
    public static final String SERVER_NAME = "slacker.rpc.server";
    /** Name of the client-side observation. */
    public static final String CLIENT_NAME = "slacker.rpc.client";

    private static final String OBSERVATION = SlackerTracing.class.getName() + ".observation";

    private SlackerTracing() {
    }

    /** Observes every call the server runs; returns the builder. */
    public static SlackerServer.Builder bind(SlackerServer.Builder server, ObservationRegistry registry) {
        return server.interceptor(new Observing(registry, true));
    }

    /** Observes every call the client makes and sends the trace context along; returns the builder. */
    public static SlackerClient.Builder bind(SlackerClient.Builder client, ObservationRegistry registry) {
        return client.interceptor(new Observing(registry, false));
    }

    /** The server observation of the call this thread is running, or null. */
    public static Observation currentServerObservation() {
        CallContext call = CallContext.current();
        return call == null ? null : (Observation) call.attributes().get(OBSERVATION);
    }

    private static void tag(Observation o, CallContext call) {
        o.lowCardinalityKeyValue("rpc.system", "slacker")
            .lowCardinalityKeyValue("rpc.service", call.namespace())
            .highCardinalityKeyValue("rpc.method", call.function())
            .lowCardinalityKeyValue("slacker.content.type", call.contentType().wireName());
    }

    private static void stop(CallContext call) {
        Object o = call.attributes().remove(OBSERVATION);
        if (o instanceof Observation obs) {
            if (call.error() != null) {
                obs.error(call.error());
            }
            obs.lowCardinalityKeyValue("slacker.result", call.isCanceled() ? "canceled"
                : CallResult.of(call.error()).tag());
            obs.stop();
        }
    }

    /**
     * One observation per call, from {@code start} to {@code post}: on the server it starts in
     * {@code pre} (the extensions are decoded by then) and continues the caller's trace; on the
     * client it starts in {@code before}, when the extensions can still change, and injects the
     * trace context into them.
     */
    private static final class Observing implements Interceptor {
        private final ObservationRegistry registry;
        private final boolean server;

        Observing(ObservationRegistry registry, boolean server) {
            this.registry = registry;
            this.server = server;
        }

        @Override
        public void pre(CallContext call) {
            if (server) {
                ReceiverContext<CallContext> ctx = new ReceiverContext<>(TraceContext::get, Kind.SERVER);
                ctx.setCarrier(call);
                ctx.setRemoteServiceName("slacker");
                start(call, SERVER_NAME, ctx, null);
            }
        }

        @Override
        public void before(CallContext call) {
            if (!server) {
                SenderContext<CallContext> ctx = new SenderContext<>(TraceContext::set, Kind.CLIENT);
                ctx.setCarrier(call);
                ctx.setRemoteServiceName(call.namespace());
                start(call, CLIENT_NAME, ctx,
                    registry.getCurrentObservation() == null ? currentServerObservation() : null);
            }
        }

        private void start(CallContext call, String name, Observation.Context ctx, Observation parent) {
            Observation obs = Observation.createNotStarted(name, () -> ctx, registry).contextualName(call.fullName());
            if (parent != null) {
                obs.parentObservation(parent);
            }
            tag(obs, call);
            call.attributes().put(OBSERVATION, obs.start());
        }

        @Override
        public void post(CallContext call) {
            stop(call);
        }
    }
}
