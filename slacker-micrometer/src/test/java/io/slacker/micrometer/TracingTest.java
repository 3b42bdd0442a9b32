package io.slacker.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.slacker.SlackerClient;
import io.slacker.spi.CallContext;
import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import io.slacker.testkit.WireVectors;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** W3C trace context through call extensions, with a real tracer (Brave, W3C propagation). */
class TracingTest {
    private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();
    private final Tracing tracing = Tracing.newBuilder()
        .localServiceName("slacker-test")
        .traceId128Bit(true)
        .propagationFactory(new W3CPropagation())
        .currentTraceContext(ThreadLocalCurrentTraceContext.create())
        .sampler(Sampler.ALWAYS_SAMPLE)
        .addSpanHandler(new SpanHandler() {
            @Override
            public boolean end(brave.propagation.TraceContext context, MutableSpan span, Cause cause) {
                spans.add(span);
                return true;
            }
        })
        .build();
    private final ObservationRegistry observations = registry(tracing);

    private static ObservationRegistry registry(Tracing tracing) {
        BraveTracer tracer = new BraveTracer(tracing.tracer(),
            new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
        BravePropagator propagator = new BravePropagator(tracing);
        ObservationRegistry r = ObservationRegistry.create();
        r.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
            new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
            new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
            new DefaultTracingObservationHandler(tracer)));
        return r;
    }

    @AfterEach
    void close() {
        tracing.close();
    }

    private MutableSpan span(brave.Span.Kind kind) {
        return spans.stream().filter(s -> s.kind() == kind).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " span in " + spans));
    }

    @Test
    void traceparentTravelsInItsExtensionAndTheServerContinuesTheTrace() {
        try (SlackerServer server = SlackerTracing.bind(SlackerServer.builder(), observations)
                .host("127.0.0.1").port(0)
                .expose("trace.test", Map.<String, RemoteFunction>of("traceparent",
                    args -> CallContext.current().extension(TraceContext.TRACEPARENT_ID)))
                .start();
             SlackerClient client = SlackerTracing.bind(SlackerClient.builder().address("127.0.0.1", server.port()),
                 observations).build()) {
            Object traceparent = client.call("trace.test", "traceparent", List.of());

            MutableSpan clientSpan = span(brave.Span.Kind.CLIENT);
            assertThat(traceparent).isInstanceOf(String.class);
            assertThat((String) traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .isEqualTo("00-" + clientSpan.traceId() + "-" + clientSpan.id() + "-01");
            assertThat(spans).hasSize(2);
            MutableSpan serverSpan = span(brave.Span.Kind.SERVER);
            assertThat(clientSpan.name()).isEqualTo("trace.test/traceparent");
            assertThat(clientSpan.parentId()).isNull();
            assertThat(serverSpan.traceId()).isEqualTo(clientSpan.traceId());
            assertThat(serverSpan.parentId()).isEqualTo(clientSpan.id());
            assertThat(serverSpan.tag("slacker.result")).isEqualTo("success");
        }
    }

    @Test
    void aCallMadeInsideAFunctionStaysInTheCallersTrace() {
        try (SlackerServer back = SlackerTracing.bind(SlackerServer.builder(), observations).host("127.0.0.1").port(0)
                .expose("back", Map.<String, RemoteFunction>of("inc", args -> (Long) args.get(0) + 1)).start();
             SlackerClient toBack = SlackerTracing.bind(SlackerClient.builder().address("127.0.0.1", back.port()),
                 observations).build();
             SlackerServer front = SlackerTracing.bind(SlackerServer.builder(), observations).host("127.0.0.1").port(0)
                 .expose("front", Map.<String, RemoteFunction>of("inc-twice",
                     args -> toBack.call("back", "inc", List.of(toBack.call("back", "inc", args))))).start();
             SlackerClient client = SlackerTracing.bind(SlackerClient.builder().address("127.0.0.1", front.port()),
                 observations).build()) {
            assertThat(client.call("front", "inc-twice", List.of(1))).isEqualTo(3L);

            assertThat(spans).hasSize(6);
            assertThat(spans).extracting(MutableSpan::traceId).containsOnly(spans.get(0).traceId());
            MutableSpan root = spans.stream().filter(s -> s.parentId() == null).findFirst().orElseThrow();
            assertThat(root.kind()).isEqualTo(brave.Span.Kind.CLIENT);
            MutableSpan frontServer = spans.stream().filter(s -> root.id().equals(s.parentId())).findFirst().orElseThrow();
            assertThat(frontServer.kind()).isEqualTo(brave.Span.Kind.SERVER);
            List<MutableSpan> backCalls = spans.stream().filter(s -> frontServer.id().equals(s.parentId())).toList();
            assertThat(backCalls).hasSize(2).allMatch(s -> s.kind() == brave.Span.Kind.CLIENT);
            for (MutableSpan call : backCalls) {
                assertThat(spans).anyMatch(s -> call.id().equals(s.parentId()) && s.kind() == brave.Span.Kind.SERVER);
            }
        }
    }

    /**
     * A Clojure client's call (golden frame: extensions 1 and -1, no trace context) starts a new
     * trace, and the answer is byte for byte the Clojure server's: extensions echoed unchanged.
     */
    @Test
    void aClojureCallWithoutTraceContextStartsATraceAndGetsTheClojureAnswer() throws Exception {
        List<WireVectors.Vector> scenario = WireVectors.load("misc.jsonl").stream()
            .filter(v -> v.scenario().equals("extensions-get-m")).toList();
        byte[] request = scenario.stream().filter(v -> v.direction().equals("c2s")).findFirst().orElseThrow().bytes();
        byte[] expected = scenario.stream().filter(v -> v.direction().equals("s2c")).findFirst().orElseThrow().bytes();
        AtomicReference<Object> seen = new AtomicReference<>();
        try (SlackerServer server = SlackerTracing.bind(SlackerServer.builder(), observations).host("127.0.0.1").port(0)
                .expose("slacker.example.api", Map.<String, RemoteFunction>of("get-m", args -> {
                    seen.set(CallContext.current().extension(TraceContext.TRACEPARENT_ID));
                    return 25L;
                })).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            byte[] answer = new byte[expected.length];
            new DataInputStream(socket.getInputStream()).readFully(answer);
            assertThat(HexFormat.of().formatHex(answer)).isEqualTo(HexFormat.of().formatHex(expected));
        }
        assertThat(seen.get()).isNull();
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).kind()).isEqualTo(brave.Span.Kind.SERVER);
        assertThat(spans.get(0).parentId()).isNull();
        assertThat(spans.get(0).traceId()).hasSize(32);
    }
}
