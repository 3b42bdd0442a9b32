package io.slacker.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.slacker.CallOptions;
import io.slacker.CallTimeoutException;
import io.slacker.ConnectionBrokenException;
import io.slacker.ContentType;
import io.slacker.FireAndForget;
import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.SlackerException;
import io.slacker.data.Keyword;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.PacketType;
import io.slacker.internal.serialization.edn.EdnReader;
import io.slacker.internal.serialization.edn.EdnSerializer;
import io.slacker.spi.Serializers;
import io.slacker.testkit.WireVectors.Vector;
import io.slacker.testkit.WireVectors;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the Clojure server's captured answers to our client: for each captured scenario the
 * client makes the same call the Clojure client made; the replay server checks our request bytes
 * against the captured Clojure client's (tid aside unless noted) and answers with the captured
 * server bytes (tid rewritten); the client must return what the Clojure client returned
 * ({@code clojure_value}) or the matching exception.
 *
 * <p>Not replayed (named): json / nippy scenarios (no serializer in this branch:
 * warmup-json, make-error-json, warmup-nippy, make-error-nippy, debug-warmup-nippy,
 * debug-make-error-nippy, debug-warmup-json, debug-make-error-json); thread-pool-full,
 * warmup-timestamp-pool and after-pool-full-timestamp (three concurrent calls plus the Clojure
 * server's dropped connection; covered by SlackerClientTest).
 */
class GoldenReplayTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CLOJURE_HELLO = HEX.parseHex("06000000000a000f302e31382e302d534e415053484f540000");
    private static final byte[] SERVER_HELLO = HEX.parseHex("06000000000b000f302e31382e302d534e415053484f54");

    /** One expected client frame and the captured answers to it. */
    record Step(String scenario, byte[] expected, List<byte[]> replies, boolean closeAfter) {
    }

    /** A client frame as sent, next to the captured Clojure client's. */
    record Pair(String scenario, byte[] ours, byte[] theirs) {
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final List<byte[]> hellos = new CopyOnWriteArrayList<>();
    private FakeServer server;
    private final List<SlackerClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        server = new FakeServer(r -> {
            if (r.frame() instanceof Frame.ClientHello) {
                hellos.add(r.raw());
                FakeServer.writeRaw(r.channel(), SERVER_HELLO);
                return;
            }
            Step step;
            synchronized (script) {
                step = script.poll();
            }
            if (step == null) {
                pairs.add(new Pair("(unexpected)", r.raw(), new byte[0]));
                return;
            }
            pairs.add(new Pair(step.scenario(), r.raw(), step.expected()));
            for (byte[] reply : step.replies()) {
                FakeServer.writeRaw(r.channel(), withTid(reply, r.frame().tid()));
            }
            if (step.closeAfter()) {
                r.channel().close();
            }
        });
    }

    @AfterEach
    void stop() {
        clients.forEach(SlackerClient::close);
        server.close();
    }

    private SlackerClient client(int version, String name) {
        SlackerClient c = SlackerClient.builder().address(server.address()).clientVersion("0.18.0-SNAPSHOT").serializers(Serializers.builder().register(EdnSerializer.standard()).deriveDeflate(false).build())
            .protocolVersion(version).clientName(name).timeout(Duration.ofSeconds(5)).build();
        clients.add(c);
        return c;
    }

    private static byte[] withTid(byte[] frame, int tid) {
        byte[] b = frame.clone();
        b[1] = (byte) (tid >>> 24);
        b[2] = (byte) (tid >>> 16);
        b[3] = (byte) (tid >>> 8);
        b[4] = (byte) tid;
        return b;
    }

    /** The captured scenarios of a file, by name, in file order. */
    private static Map<String, List<Vector>> scenarios(String file) {
        Map<String, List<Vector>> out = new LinkedHashMap<>();
        for (Vector v : WireVectors.load(file)) {
            out.computeIfAbsent(v.scenario(), k -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static int type(Vector v) {
        return v.decoded().path("type").path("code").asInt(-1);
    }

    private static boolean isClientFrame(Vector v) {
        return v.direction().equals("c2s") && type(v) != PacketType.CLIENT_HELLO.code();
    }

    /** The captured answer to a client frame: same connection and tid, the type that answers it. */
    private static List<Vector> answers(List<Vector> scenario, Vector request) {
        Set<Integer> types = switch (PacketType.fromCode(type(request))) {
            case REQUEST -> Set.of(PacketType.RESPONSE.code(), PacketType.ERROR.code());
            case PING -> Set.of(PacketType.PONG.code());
            case INSPECT_REQ -> Set.of(PacketType.INSPECT_ACK.code(), PacketType.ERROR.code());
            default -> Set.of();
        };
        return scenario.stream().filter(v -> v.direction().equals("s2c") && types.contains(type(v))
            && v.json().path("connection").asInt() == request.json().path("connection").asInt()
            && v.decoded().path("tid").asInt() == request.decoded().path("tid").asInt()).toList();
    }

    /** Loads the scenario's client frames into the replay script. */
    private void load(String name, List<Vector> scenario) {
        List<Vector> sent = scenario.stream().filter(GoldenReplayTest::isClientFrame).toList();
        synchronized (script) {
            script.clear();
            for (int i = 0; i < sent.size(); i++) {
                Vector q = sent.get(i);
                List<byte[]> replies = answers(scenario, q).stream().map(Vector::bytes).toList();
                boolean close = i == sent.size() - 1 && replies.isEmpty() && q.note().contains("server side sent EOF");
                script.add(new Step(name, q.bytes(), replies, close));
            }
        }
    }

    private void awaitDrained() {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
            synchronized (script) {
                return script.isEmpty();
            }
        });
    }

    /** Runs one request/inspect scenario with the generic call for each captured client frame. */
    private void replay(SlackerClient c, String name, List<Vector> scenario) {
        load(name, scenario);
        boolean serverCloses;
        synchronized (script) {
            serverCloses = script.stream().anyMatch(Step::closeAfter);
        }
        for (Vector q : scenario.stream().filter(GoldenReplayTest::isClientFrame).toList()) {
            PacketType t = PacketType.fromCode(type(q));
            if (t == PacketType.REQUEST) {
                request(c, name, scenario, q);
            } else if (t == PacketType.INSPECT_REQ) {
                inspect(c, scenario, q);
            }
        }
        awaitDrained();
        if (serverCloses) {
            await().atMost(Duration.ofSeconds(3)).until(() -> !c.isConnected());
        }
    }

    private void request(SlackerClient c, String name, List<Vector> scenario, Vector q) {
        JsonNode d = q.decoded();
        String fname = d.path("fname").asText();
        String ns = fname.substring(0, fname.indexOf('/'));
        String fn = fname.substring(fname.indexOf('/') + 1);
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) EdnReader.standard().read(q.clojureValue());
        Map<Integer, Object> exts = new LinkedHashMap<>();
        for (JsonNode e : d.path("extensions")) {
            exts.put(e.path("id").asInt(), EdnReader.standard().read(e.path("utf8").asText()));
        }
        if (name.equals("v5-call-extensions")) {
            exts.put(1, "dropped in v5"); // the Clojure client was given extensions too; v5 has no field for them
        }
        CallOptions opts = CallOptions.defaults().withExtensions(exts);
        List<Vector> answer = answers(scenario, q);

        if (name.equals("fire-and-forget-timestamp")) {
            c.proxy(ExampleApi.class).timestampFireAndForget();
            return;
        }
        if (name.equals("interrupt-on-timeout")) {
            assertThatThrownBy(() -> c.call(ns, fn, args, opts.withTimeout(Duration.ofMillis(300)).withInterruptOnTimeout(true)))
                .isExactlyInstanceOf(CallTimeoutException.class);
            return;
        }
        if (answer.isEmpty()) {
            // the Clojure server closes the connection (unknown function / namespace)
            assertThatThrownBy(() -> c.call(ns, fn, args, opts)).as(name).isExactlyInstanceOf(ConnectionBrokenException.class);
            return;
        }
        String expected = answer.get(0).clojureValue();
        if (expected.startsWith("{:class")) {
            Object summary = EdnReader.standard().read(expected.replaceAll("#object\\[[^\\]]*\\]", "nil"));
            String message = (String) ((Map<?, ?>) summary).get(Keyword.of("message"));
            String payload = answer.get(0).decoded().path("payload").path("utf8").asText();
            if (message.equals("Slacker client error :exception")) {
                assertThatThrownBy(() -> c.call(ns, fn, args, opts)).as(name).isExactlyInstanceOf(RemoteException.class)
                    .hasMessage((String) EdnReader.standard().read(payload));
            } else {
                // debug server: a map with :msg and an unreadable #object; the Clojure client failed to read it
                assertThatThrownBy(() -> c.call(ns, fn, args, opts)).as(name).isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining("Expected exception.");
            }
            return;
        }
        Object result = name.equals("client-async-call")
            ? c.callAsync(ns, fn, args, opts).orTimeout(5, TimeUnit.SECONDS).join()
            : c.call(ns, fn, args, opts);
        assertThat(result).as(name).isEqualTo(EdnReader.standard().read(expected));
    }

    private static void inspect(SlackerClient c, List<Vector> scenario, Vector q) {
        String argEdn = q.decoded().path("payload").path("utf8").asText();
        String arg = (String) EdnReader.standard().read(argEdn);
        Object expected = EdnReader.standard().read(answers(scenario, q).get(0).clojureValue());
        Object actual = switch (q.decoded().path("cmd").path("code").asInt()) {
            case 0 -> c.functions(arg);
            case 1 -> c.meta(arg);
            default -> c.clients();
        };
        assertThat(actual).as(q.scenario()).isEqualTo(expected);
    }

    /** Our frames equal the Clojure client's; {@code exactTid}: including the transaction id. */
    private void assertSameBytes(boolean exactTid) {
        assertThat(pairs).isNotEmpty();
        for (Pair p : pairs) {
            byte[] ours = exactTid ? p.ours() : withTid(p.ours(), 0);
            byte[] theirs = exactTid ? p.theirs() : withTid(p.theirs(), 0);
            if (!exactTid && p.theirs().length == 10 && p.theirs()[5] == PacketType.INTERRUPT.code()) {
                // interrupt: tid 0 and the target tid; ours targets our own request
                assertThat(p.ours()).as(p.scenario()).startsWith(0x06, 0, 0, 0, 0, 0x09);
                continue;
            }
            assertThat(HEX.formatHex(ours)).as(p.scenario()).isEqualTo(HEX.formatHex(theirs));
        }
        for (byte[] h : hellos) {
            assertThat(HEX.formatHex(h)).isEqualTo(HEX.formatHex(CLOJURE_HELLO));
        }
    }

    /** For the fire-and-forget scenario. */
    @Namespace("slacker.example.api")
    interface ExampleApi {
        @FireAndForget
        @Function("timestamp")
        void timestampFireAndForget();
    }

    @Test
    void callsClj() {
        SlackerClient c = client(6, "");
        Map<String, List<Vector>> all = scenarios("calls-clj.jsonl");
        assertThat(all).hasSize(45);
        all.forEach((name, scenario) -> replay(c, name, scenario));
        // one client, as in the capture: hello, then tids 1..45, byte for byte
        assertSameBytes(true);
        assertThat(pairs).hasSize(45);
        assertThat(hellos).hasSize(1);
    }

    @Test
    void errorsClj() {
        Map<String, List<Vector>> all = scenarios("errors.jsonl");
        SlackerClient c = client(6, "");
        for (String name : List.of("warmup-timestamp", "make-error-clj", "async-exception-clj",
            "slacker-function-not-found-handler", "not-found-fn-in-map-ns", "after-not-found-timestamp",
            "not-found-ns", "after-not-found-ns-timestamp")) {
            replay(c, name, all.get(name));
        }
        // deflate-clj: no serializer, nothing on the wire
        int before = pairs.size();
        assertThatThrownBy(() -> c.call("slacker.example.api", "echo", List.of(1L),
            CallOptions.defaults().withContentType(ContentType.DEFLATE_CLJ))).isExactlyInstanceOf(SlackerException.class);
        assertThat(pairs).hasSize(before);
        // the two server-closed connections were made again: three hellos
        assertThat(hellos).hasSize(3);

        SlackerClient debug = client(6, "");
        replay(debug, "debug-warmup", all.get("debug-warmup"));
        replay(debug, "debug-make-error-clj", all.get("debug-make-error-clj"));
        assertSameBytes(false);
    }

    @Test
    void miscV6() {
        Map<String, List<Vector>> all = scenarios("misc.jsonl");
        SlackerClient c = client(6, "");
        for (String name : List.of("warmup-timestamp", "extensions-get-m", "extensions-call-option-echo",
            "fire-and-forget-timestamp", "client-async-call", "interrupt-on-timeout", "after-interrupt-timestamp")) {
            replay(c, name, all.get(name));
        }
        assertSameBytes(false);
        assertThat(pairs).hasSize(8);
        assertThat(hellos).hasSize(2); // the server closed the connection after the interrupt, as the Clojure one does
    }

    @Test
    void miscV5() {
        Map<String, List<Vector>> all = scenarios("misc.jsonl");
        SlackerClient c = client(5, "");
        for (String name : List.of("v5-call-echo", "v5-call-extensions", "v5-make-error", "v5-inspect-functions")) {
            replay(c, name, all.get(name));
        }
        assertSameBytes(false);
        assertThat(pairs).hasSize(4);
        assertThat(hellos).isEmpty();
    }

    @Test
    void pingPong() throws Exception {
        Map<String, List<Vector>> all = scenarios("misc.jsonl");
        for (String name : List.of("ping-pong", "v5-ping")) {
            byte[] ping = all.get(name).get(0).bytes();
            byte[] pong = all.get(name).get(1).bytes();
            List<byte[]> pings = new CopyOnWriteArrayList<>();
            server.behavior = r -> {
                if (r.frame() instanceof Frame.ClientHello) {
                    FakeServer.writeRaw(r.channel(), SERVER_HELLO);
                } else if (r.frame() instanceof Frame.Ping) {
                    pings.add(r.raw());
                    FakeServer.writeRaw(r.channel(), pong);
                } else if (r.frame() instanceof Frame.Request) {
                    FakeServer.respond(r, "ok");
                }
            };
            int connections = server.connections.get();
            SlackerClient c = SlackerClient.builder().address(server.address()).clientVersion("0.18.0-SNAPSHOT").serializers(Serializers.builder().register(EdnSerializer.standard()).deriveDeflate(false).build())
                .protocolVersion(ping[0]).pingInterval(Duration.ofMillis(400)).build(); // a pong is due within one interval: room for a loaded machine
            clients.add(c);
            assertThat(c.call("x", "y", List.of())).isEqualTo("ok");
            await().atMost(Duration.ofSeconds(10)).until(() -> pings.size() >= 3);
            assertThat(HEX.formatHex(pings.get(0))).as(name).isEqualTo(HEX.formatHex(ping));
            // the captured pongs were accepted: still the same connection
            assertThat(c.isConnected()).isTrue();
            assertThat(server.connections.get()).isEqualTo(connections + 1);
            c.close();
        }
    }

    @Test
    void inspect() {
        SlackerClient c = client(6, "");
        scenarios("inspect.jsonl").forEach((name, scenario) -> replay(c, name, scenario));
        assertSameBytes(true);
        assertThat(pairs).hasSize(9);
    }

    @Test
    void handshake() {
        Map<String, List<Vector>> all = scenarios("handshake.jsonl");
        replay(client(6, ""), "connect-then-first-call-timestamp", all.get("connect-then-first-call-timestamp"));
        assertSameBytes(true);

        hellos.clear();
        pairs.clear();
        SlackerClient named = client(6, "java-port-probe");
        named.callAsync("x", "y", List.of(), CallOptions.defaults());
        await().atMost(Duration.ofSeconds(3)).until(() -> !hellos.isEmpty());
        assertThat(HEX.formatHex(hellos.get(0)))
            .isEqualTo(all.get("raw-client-hello-with-name").get(0).json().path("hex").asText());
    }
}
