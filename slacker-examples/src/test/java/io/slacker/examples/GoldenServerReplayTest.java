package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.slacker.ContentType;
import io.slacker.SlackerServer;
import io.slacker.data.Keyword;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.Serializers;
import io.slacker.testkit.RawConnection;
import io.slacker.testkit.WireVectors.Vector;
import io.slacker.testkit.WireVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request frame the Clojure slacker client sent (wire-vectors), replayed raw to our example
 * server running the same example functions, gets the response bytes the Clojure server sent.
 *
 * <p>Named exceptions, compared by meaning instead of bytes: results that depend on time
 * ({@code timestamp}, inspect {@code :clients}) or chance ({@code rand-ints}); and, by design,
 * every place where the Clojure server is broken (wire-vectors README): not-found and
 * thread-pool-full get their error frames instead of a dropped connection, an interrupt closes
 * nothing, undecodable arguments get an exception result, unknown content types and inspect
 * commands get invalid-packet instead of a stall, unknown versions and packet types get an error
 * frame before the close, and debug-mode exceptions carry a readable {@code :stacktrace}.
 */
class GoldenServerReplayTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Serializers SERIALIZERS = Serializers.defaults();
    private static final int CHECK_TID = 0x7777;

    private static ExampleApiImpl impl;
    private static SlackerServer server;
    private static SlackerServer debugServer;

    @BeforeAll
    static void start() {
        impl = new ExampleApiImpl();
        server = ExampleFunctions.exampleServer(impl).host("127.0.0.1").port(0).version("0.18.0-SNAPSHOT").start();
        debugServer = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0)
            .version("0.18.0-SNAPSHOT").sendStackTraces(true).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        debugServer.close();
    }

    static Stream<String> files() {
        return Stream.of("handshake.jsonl", "calls-clj.jsonl", "calls-json.jsonl", "calls-nippy.jsonl",
            "calls-transit-json.jsonl", "calls-transit-msgpack.jsonl", "errors.jsonl", "inspect.jsonl", "misc.jsonl",
            "probes.jsonl");
    }

    /** An expected answer: connection, tid, packet type, and how to check it. */
    record Expect(int connection, int tid, int type, Consumer<Frame> check, String what) {
    }

    @ParameterizedTest
    @MethodSource("files")
    void clojureClientRequestsGetClojureServerResponses(String file) throws Exception {
        List<Vector> lines = WireVectors.load(file);
        Map<String, Conn> conns = new HashMap<>();
        int exact = 0;
        int byMeaning = 0;
        try {
            // scenario by scenario, in capture order
            Map<String, List<Vector>> byScenario = new java.util.LinkedHashMap<>();
            for (Vector v : lines) {
                byScenario.computeIfAbsent(v.scenario(), k -> new ArrayList<>()).add(v);
            }
            for (Map.Entry<String, List<Vector>> sc : byScenario.entrySet()) {
                String scenario = sc.getKey();
                List<Vector> vs = sc.getValue();
                boolean debug = scenario.startsWith("debug-");
                Map<Integer, String> fnameByTid = new HashMap<>();
                List<Expect> expects = new ArrayList<>();
                for (Vector v : vs) {
                    if (v.direction().equals("none")) {
                        continue;
                    }
                    int c = v.json().path("connection").asInt();
                    if (v.direction().equals("c2s")) {
                        Frame f = tryDecode(v.bytes());
                        if (f instanceof Frame.Request r) {
                            fnameByTid.put(r.tid(), r.fname());
                            if (r.fname().equals("slacker.example.api/inc-m") || r.fname().equals("slacker.example.api/get-m")) {
                                seedCounter(vs, r);
                            }
                        }
                        conn(conns, debug, c).write(v.bytes());
                    } else {
                        Frame expected = FrameCodec.decode(Unpooled.wrappedBuffer(v.bytes()), FrameCodec.DEFAULT_MAX_BODY);
                        String fname = fnameByTid.get(expected.tid());
                        Consumer<Frame> check = checkFor(scenario, fname, v.bytes(), expected);
                        if (check == null) {
                            continue; // replaced by an override below
                        }
                        expects.add(new Expect(c, expected.tid(), expected.type().code(), check,
                            (isExact(scenario, fname, expected) ? "exact " : "by meaning ") + v));
                    }
                }
                expects.addAll(overrides(scenario, vs));
                for (Expect e : expects) {
                    Conn conn = conn(conns, debug, e.connection());
                    Frame got = e.type() < 0 ? conn.raw.await(e.tid()) : conn.await(e.tid(), e.type(), e.what());
                    e.check().accept(got);
                    if (e.what().startsWith("exact")) {
                        exact++;
                    } else {
                        byMeaning++;
                    }
                }
                closedAfter(scenario, vs).forEach(c -> conn(conns, debug, c).assertClosedByServer());
            }
            // every connection still open answers a ping next: nothing stray was sent, nothing hangs
            for (Conn c : conns.values()) {
                if (!c.closedByServer) {
                    c.write(HEX.parseHex("06" + String.format("%08x", CHECK_TID) + "02"));
                    Frame pong = c.next("final ping");
                    assertThat(pong).as("next frame on %s", c).isEqualTo(new Frame.Pong(6, CHECK_TID));
                }
            }
        } finally {
            for (Conn c : conns.values()) {
                c.close();
            }
        }
        assertThat(exact + byMeaning).as("expectations checked in %s", file).isGreaterThan(0);
        if (file.startsWith("calls-")) {
            assertThat(exact).as("byte-exact responses in %s", file).isGreaterThanOrEqualTo(40);
        }
    }

    private static void seedCounter(List<Vector> vs, Frame.Request r) {
        // the counter is server state: start it where the Clojure server's was at this call
        for (Vector v : vs) {
            if (v.direction().equals("s2c")) {
                Frame f = FrameCodec.decode(Unpooled.wrappedBuffer(v.bytes()), FrameCodec.DEFAULT_MAX_BODY);
                if (f instanceof Frame.Response resp && resp.tid() == r.tid()) {
                    long expected = ((Number) decode(resp.contentType(), resp.data())).longValue();
                    long amount = r.fname().endsWith("inc-m") ? ((Number) ((List<?>) decode(r.contentType(), r.data())).get(0))
                        .longValue() : 0;
                    impl.setM(expected - amount);
                }
            }
        }
    }

    private static Object decode(ContentType ct, byte[] data) {
        return SERIALIZERS.get(ct).deserialize(data);
    }

    private static Frame tryDecode(byte[] b) {
        try {
            return FrameCodec.decode(Unpooled.wrappedBuffer(b), FrameCodec.DEFAULT_MAX_BODY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isExact(String scenario, String fname, Frame expected) {
        return !"slacker.example.api/timestamp".equals(fname) && !"slacker.example.api/rand-ints".equals(fname)
            && !(expected instanceof Frame.InspectAck && (scenario.contains("functions") || scenario.contains("clients")))
            && !(scenario.equals("echo-list") && ((Frame.Response) expected).contentType() == ContentType.NIPPY);
    }

    /** The check for one captured server frame, or null when an override replaces it. */
    private static Consumer<Frame> checkFor(String scenario, String fname, byte[] bytes, Frame expected) {
        String hex = HEX.formatHex(bytes);
        if ((scenario.equals("thread-pool-full") || scenario.startsWith("debug-make-error"))
            && expected instanceof Frame.Response) {
            return null;
        }
        if ("slacker.example.api/timestamp".equals(fname)) {
            return got -> sameHeaderAndDecodes(expected, got, v -> assertThat(v).isInstanceOf(Long.class));
        }
        if ("slacker.example.api/rand-ints".equals(fname)) {
            return got -> sameHeaderAndDecodes(expected, got, v -> assertThat((List<?>) v).hasSize(3)
                .allSatisfy(x -> assertThat(((Number) x).longValue()).isBetween(0L, (long) Integer.MAX_VALUE)));
        }
        if (scenario.equals("echo-list") && expected instanceof Frame.Response e && e.contentType() == ContentType.NIPPY) {
            // the Clojure client's list carried reader metadata ({:line .. :column ..}) that nippy
            // writes and Clojure echoes; we do not keep metadata: same value, without it
            return got -> sameHeaderAndDecodes(expected, got, v -> assertThat(v).isEqualTo(decode(e.contentType(), e.data())));
        }
        if (expected instanceof Frame.InspectAck ack && (scenario.contains("functions"))) {
            // the same order (Clojure's map order for the same names); Clojure lists its
            // not-found handler var too
            return got -> {
                List<Object> want = new ArrayList<>((List<?>) decode(ContentType.CLJ, ack.data()));
                want.removeIf(n -> String.valueOf(n).endsWith("/-slacker-function-not-found"));
                assertThat(new ArrayList<Object>((List<?>) decode(ContentType.CLJ, ((Frame.InspectAck) got).data())))
                    .containsExactlyElementsOf(want);
            };
        }
        if (expected instanceof Frame.InspectAck && scenario.contains("clients")) {
            return got -> {
                assertThat(got).isInstanceOf(Frame.InspectAck.class);
                Map<?, ?> m = (Map<?, ?>) decode(ContentType.CLJ, ((Frame.InspectAck) got).data());
                assertThat(new ArrayList<Object>(m.keySet())).containsExactly(Keyword.of("connected-clients"), Keyword.of("started-on"),
                    Keyword.of("version"));
                assertThat(m.get(Keyword.of("version"))).isEqualTo("0.18.0-SNAPSHOT");
                List<?> clients = (List<?>) m.get(Keyword.of("connected-clients"));
                assertThat(clients).isNotEmpty().allSatisfy(c -> assertThat(new ArrayList<Object>(((Map<?, ?>) c).keySet())).containsExactly(
                    Keyword.of("addr"), Keyword.of("name"), Keyword.of("version"), Keyword.of("connected-on")));
            };
        }
        return got -> assertThat(encode(got)).as("exact bytes").isEqualTo(hex);
    }

    /** Where we answer differently from the broken Clojure server, on purpose. */
    private static List<Expect> overrides(String scenario, List<Vector> vs) {
        List<Expect> out = new ArrayList<>();
        switch (scenario) {
            case "not-found-fn-in-map-ns", "not-found-ns", "request-fname-without-slash" -> {
                Frame.Request r = firstRequest(vs);
                out.add(new Expect(conn(vs.get(0)), r.tid(), 4, got -> assertThat(got)
                    .isEqualTo(new Frame.Error(6, r.tid(), ResultCode.NOT_FOUND)), "override not-found error frame"));
            }
            case "thread-pool-full" -> {
                // pool of 1 thread + 1 queue slot, three concurrent sleeps on two connections:
                // exactly one is refused with the error frame (which one depends on arrival order)
                List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
                Consumer<Frame> record = got -> outcomes.add(got instanceof Frame.Error e
                    ? "refused " + e.resultCode().wireName() : "answered " + encode(got).substring(12));
                out.add(new Expect(15, 2, -1, record, "by meaning: first sleep"));
                out.add(new Expect(15, 3, -1, record, "by meaning: second sleep"));
                out.add(new Expect(16, 4, -1, got -> {
                    record.accept(got);
                    assertThat(outcomes).containsExactlyInAnyOrder("refused thread-pool-full",
                        "answered 0200000000036e696c00", "answered 0200000000036e696c00");
                }, "by meaning: third sleep"));
            }
            case "debug-make-error-clj", "debug-make-error-nippy", "debug-make-error-json" -> {
                Frame.Request r = firstRequest(vs);
                out.add(new Expect(conn(vs.get(0)), r.tid(), 1, got -> {
                    Frame.Response resp = (Frame.Response) got;
                    assertThat(resp.resultCode()).isEqualTo(ResultCode.EXCEPTION);
                    assertThat(resp.contentTypeCode()).isEqualTo(r.contentTypeCode());
                    Map<?, ?> m = (Map<?, ?>) decode(r.contentType(), resp.data());
                    assertThat(m.get(Keyword.of("msg"))).isEqualTo("Expected exception.");
                    Object st = m.get(Keyword.of("stacktrace"));
                    assertThat((List<?>) st).isNotEmpty().allSatisfy(x -> assertThat(x).isInstanceOf(String.class));
                }, "override debug exception map"));
            }
            case "interrupt-on-timeout" -> {
                // no answer for the interrupted call; the final ping proves the connection stays up
            }
            case "request-unknown-content-type", "inspect-unknown-cmd" -> {
                Frame first = firstFrame(vs);
                out.add(new Expect(conn(vs.get(0)), first.tid(), 4, got -> assertThat(got)
                    .isEqualTo(new Frame.Error(6, first.tid(), ResultCode.INVALID_PACKET)), "override invalid-packet"));
                out.add(pongAfter(vs));
            }
            case "request-bad-edn", "request-deflate-clj", "request-carb" -> {
                Frame.Request r = firstRequest(vs);
                out.add(0, new Expect(conn(vs.get(0)), r.tid(), 1, got -> {
                    Frame.Response resp = (Frame.Response) got;
                    assertThat(resp.resultCode()).isEqualTo(ResultCode.EXCEPTION);
                    assertThat(resp.contentTypeCode()).isEqualTo(r.contentTypeCode());
                }, "override undecodable arguments"));
            }
            case "interrupt-unknown-tid" -> out.add(pongAfter(vs));
            case "unknown-version-byte" -> out.add(new Expect(conn(vs.get(0)), 0x37, 4,
                got -> assertThat(got).isEqualTo(new Frame.Error(6, 0x37, ResultCode.PROTOCOL_MISMATCH)), "override version"));
            case "unknown-packet-type" -> out.add(new Expect(conn(vs.get(0)), 0x39, 4,
                got -> assertThat(got).isEqualTo(new Frame.Error(6, 0x39, ResultCode.INVALID_PACKET)), "override type"));
            case "v5-client-hello" -> {
                out.add(new Expect(conn(vs.get(0)), 0, 4, got -> assertThat(got)
                    .isEqualTo(new Frame.Error(5, 0, ResultCode.INVALID_PACKET)), "override v5 hello"));
                out.add(new Expect(conn(vs.get(0)), 0x3d, 3, got -> assertThat(got).isEqualTo(new Frame.Pong(5, 0x3d)),
                    "override v5 ping after hello"));
            }
            default -> { }
        }
        return out;
    }

    private static List<Integer> closedAfter(String scenario, List<Vector> vs) {
        return scenario.equals("unknown-version-byte") || scenario.equals("unknown-packet-type") ? List.of(conn(vs.get(0)))
            : List.of();
    }

    private static Expect pongAfter(List<Vector> vs) {
        Frame ping = null;
        for (Vector v : vs) {
            Frame f = v.direction().equals("c2s") ? tryDecode(v.bytes()) : null;
            if (f instanceof Frame.Ping) {
                ping = f;
            }
        }
        Frame p = ping;
        return new Expect(conn(vs.get(0)), p.tid(), 3, got -> assertThat(got).isEqualTo(new Frame.Pong(6, p.tid())),
            "override pong after");
    }

    private static int conn(Vector v) {
        return v.json().path("connection").asInt();
    }

    private static Frame firstFrame(List<Vector> vs) {
        return vs.stream().filter(v -> v.direction().equals("c2s")).map(v -> tryDecode(v.bytes()))
            .filter(f -> f != null && !(f instanceof Frame.ClientHello)).findFirst().orElseThrow();
    }

    private static Frame.Request firstRequest(List<Vector> vs) {
        return vs.stream().filter(v -> v.direction().equals("c2s")).map(v -> tryDecode(v.bytes()))
            .filter(f -> f instanceof Frame.Request).map(f -> (Frame.Request) f).findFirst().orElseThrow();
    }

    private static void sameHeaderAndDecodes(Frame expected, Frame got, Consumer<Object> valueCheck) {
        Frame.Response e = (Frame.Response) expected;
        assertThat(got).isInstanceOf(Frame.Response.class);
        Frame.Response g = (Frame.Response) got;
        assertThat(g.version()).isEqualTo(e.version());
        assertThat(g.contentTypeCode()).isEqualTo(e.contentTypeCode());
        assertThat(g.resultCodeValue()).isEqualTo(e.resultCodeValue());
        assertThat(g.extensions()).isEqualTo(e.extensions());
        Object v = decode(g.contentType(), g.data());
        if (v instanceof List<?> l && l.size() == 2 && "'".equals(String.valueOf(l.get(0)))) {
            v = l.get(1);
        }
        valueCheck.accept(v);
    }

    private static String encode(Frame f) {
        ByteBuf b = Unpooled.buffer();
        try {
            FrameCodec.encode(f, b);
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private static Conn conn(Map<String, Conn> conns, boolean debug, int number) {
        return conns.computeIfAbsent((debug ? "debug-" : "") + number,
            k -> new Conn(new RawConnection((debug ? debugServer : server).port(), "connection " + k)));
    }

    /** A replay connection; remembers whether the server closed it on purpose. */
    private static final class Conn {
        final RawConnection raw;
        boolean closedByServer;

        Conn(RawConnection raw) {
            this.raw = raw;
        }

        void write(byte[] b) {
            raw.write(b);
        }

        Frame await(int tid, int type, String what) {
            return raw.await(tid, type);
        }

        Frame next(String what) {
            return raw.next();
        }

        void assertClosedByServer() {
            assertThat(raw.closedByPeer()).as("%s closed by the server", raw).isTrue();
            closedByServer = true;
        }

        void close() {
            raw.close();
        }

        @Override
        public String toString() {
            return raw.toString();
        }
    }
}
