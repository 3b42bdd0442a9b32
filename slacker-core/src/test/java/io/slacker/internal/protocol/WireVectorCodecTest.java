package io.slacker.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.slacker.testkit.WireVectors.Vector;
import io.slacker.testkit.WireVectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame captured from the Clojure slacker decodes to the fields the vectors record and
 * re-encodes to the same bytes; also split at every byte offset and coalesced in one buffer.
 */
class WireVectorCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<String> frameFiles() {
        List<String> files = WireVectors.files().stream().filter(f -> !f.equals("http.jsonl")).toList();
        assertThat(files).hasSize(11);
        return files.stream();
    }

    static List<Vector> frames(String file) {
        return WireVectors.load(file).stream().filter(v -> v.bytes().length > 0).toList();
    }

    static boolean parseable(Vector v) {
        return !v.decoded().has("unparseable");
    }

    @ParameterizedTest
    @MethodSource("frameFiles")
    void decodesToRecordedFieldsAndReencodesByteExact(String file) {
        List<Vector> vectors = frames(file);
        assertThat(vectors).isNotEmpty();
        int checked = 0;
        for (Vector v : vectors) {
            byte[] bytes = v.bytes();
            ByteBuf in = Unpooled.wrappedBuffer(bytes);
            if (!parseable(v)) {
                assertUnparseable(v, in);
                continue;
            }
            Frame frame = FrameCodec.decode(in, FrameCodec.DEFAULT_MAX_BODY);
            assertThat(frame).as("%s", v).isNotNull();
            assertThat(in.readableBytes()).as("bytes left after %s", v).isZero();
            assertMatches(frame, v.decoded(), v.toString());
            assertThat(encode(frame)).as("re-encoded %s", v).isEqualTo(HEX.formatHex(bytes));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(vectors.size() - 3);
    }

    @ParameterizedTest
    @MethodSource("frameFiles")
    void everySplitOffsetYieldsTheSameFrame(String file) {
        for (Vector v : frames(file)) {
            if (!parseable(v)) {
                continue;
            }
            byte[] bytes = v.bytes();
            for (int cut = 0; cut <= bytes.length; cut++) {
                EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
                ch.writeInbound(Unpooled.copiedBuffer(bytes, 0, cut));
                if (cut < bytes.length) {
                    assertThat((Object) ch.readInbound()).as("%s cut at %d", v, cut).isNull();
                }
                ch.writeInbound(Unpooled.copiedBuffer(bytes, cut, bytes.length - cut));
                Frame f = ch.readInbound();
                assertThat(f).as("%s cut at %d", v, cut).isNotNull();
                assertThat(encode(f)).isEqualTo(HEX.formatHex(bytes));
                assertThat((Object) ch.readInbound()).isNull();
                assertThat(ch.finish()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("frameFiles")
    void coalescedFramesDecodeInOrder(String file) {
        List<Vector> ok = frames(file).stream().filter(WireVectorCodecTest::parseable).toList();
        ByteBuf all = Unpooled.buffer();
        for (Vector v : ok) {
            all.writeBytes(v.bytes());
        }
        // deliver in odd-sized chunks so that frame boundaries fall anywhere
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        int chunk = 7;
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(Math.min(chunk, all.readableBytes())));
            chunk = chunk * 3 % 61 + 1;
        }
        all.release();
        List<String> got = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            got.add(encode((Frame) o));
        }
        assertThat(got).containsExactlyElementsOf(ok.stream().map(v -> HEX.formatHex(v.bytes())).toList());
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void unparseableProbesAreInTheVectors() {
        List<Vector> bad = frames("probes.jsonl").stream().filter(v -> !parseable(v)).toList();
        assertThat(bad).extracting(Vector::scenario)
            .containsExactlyInAnyOrder("unknown-version-byte", "unknown-packet-type", "v5-client-hello");
    }

    private static void assertUnparseable(Vector v, ByteBuf in) {
        String why = v.decoded().path("unparseable").asText();
        if (why.startsWith("unknown version")) {
            assertThatThrownBy(() -> FrameCodec.decode(in, FrameCodec.DEFAULT_MAX_BODY))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.PROTOCOL_MISMATCH);
                    assertThat(e.recoverable()).isFalse();
                });
        } else if (v.bytes()[0] == 5) {
            // a v5 hello: the layout is known, so it is skipped whole and the stream goes on
            assertThatThrownBy(() -> FrameCodec.decode(in, FrameCodec.DEFAULT_MAX_BODY))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_PACKET);
                    assertThat(e.recoverable()).isTrue();
                    assertThat(e.version()).isEqualTo(5);
                });
            assertThat(in.readableBytes()).isZero();
        } else {
            assertThatThrownBy(() -> FrameCodec.decode(in, FrameCodec.DEFAULT_MAX_BODY))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_PACKET);
                    assertThat(e.recoverable()).isFalse();
                    assertThat(e.tid()).isEqualTo(v.bytes()[4]);
                });
        }
    }

    static String encode(Frame f) {
        ByteBuf out = Unpooled.buffer(FrameCodec.sizeHint(f));
        try {
            FrameCodec.encode(f, out);
            assertThat(out.readableBytes()).isLessThanOrEqualTo(FrameCodec.sizeHint(f));
            return io.netty.buffer.ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    /** Compares a decoded frame with the {@code decoded} object of a vector, field by field. */
    static void assertMatches(Frame f, JsonNode d, String where) {
        assertThat(f.version()).as(where).isEqualTo(d.path("version").asInt());
        assertThat(f.tid()).as(where).isEqualTo(d.path("tid").asInt());
        assertThat(f.type().code()).as(where).isEqualTo(d.path("type").path("code").asInt());
        switch (f.type()) {
            case REQUEST -> {
                Frame.Request r = (Frame.Request) f;
                assertThat(r.contentTypeCode()).as(where).isEqualTo(d.path("content_type").path("code").asInt());
                assertThat(r.fname()).as(where).isEqualTo(d.path("fname").asText());
                assertThat(HEX.formatHex(r.data())).as(where).isEqualTo(d.path("payload").path("hex").asText());
                assertExtensions(r.extensions(), d, where);
            }
            case RESPONSE -> {
                Frame.Response r = (Frame.Response) f;
                assertThat(r.contentTypeCode()).as(where).isEqualTo(d.path("content_type").path("code").asInt());
                assertThat(r.resultCodeValue()).as(where).isEqualTo(d.path("result_code").path("code").asInt());
                assertThat(r.resultCode().wireName()).as(where).isEqualTo(d.path("result_code").path("name").asText());
                assertThat(HEX.formatHex(r.data())).as(where).isEqualTo(d.path("payload").path("hex").asText());
                assertExtensions(r.extensions(), d, where);
            }
            case ERROR -> {
                Frame.Error e = (Frame.Error) f;
                assertThat(e.resultCodeValue()).as(where).isEqualTo(d.path("result_code").path("code").asInt());
                assertThat(e.resultCode().wireName()).as(where).isEqualTo(d.path("result_code").path("name").asText());
            }
            case AUTH_REQ -> assertThat(((Frame.AuthRequest) f).auth()).as(where).isEqualTo(d.path("auth").asText());
            case AUTH_ACK -> assertThat(((Frame.AuthAck) f).result()).as(where).isEqualTo(d.path("auth_result").asInt());
            case INSPECT_REQ -> {
                Frame.InspectRequest i = (Frame.InspectRequest) f;
                assertThat(i.commandCode()).as(where).isEqualTo(d.path("cmd").path("code").asInt());
                assertThat(HEX.formatHex(i.data())).as(where).isEqualTo(d.path("payload").path("hex").asText());
            }
            case INSPECT_ACK -> assertThat(HEX.formatHex(((Frame.InspectAck) f).data())).as(where)
                .isEqualTo(d.path("payload").path("hex").asText());
            case INTERRUPT -> assertThat(((Frame.Interrupt) f).targetTid()).as(where).isEqualTo(d.path("target_tid").asInt());
            case CLIENT_HELLO -> {
                Frame.ClientHello h = (Frame.ClientHello) f;
                assertThat(h.clientVersion()).as(where).isEqualTo(d.path("client_version").asText());
                assertThat(h.clientName()).as(where).isEqualTo(d.path("client_name").asText());
            }
            case SERVER_HELLO -> assertThat(((Frame.ServerHello) f).serverVersion()).as(where)
                .isEqualTo(d.path("server_version").asText());
            case PING, PONG -> { }
        }
    }

    private static void assertExtensions(List<Extension> exts, JsonNode d, String where) {
        JsonNode expected = d.path("extensions");
        assertThat(exts).as(where).hasSize(expected.size());
        if (d.has("extension_count")) {
            assertThat(exts).as(where).hasSize(d.path("extension_count").asInt());
        }
        for (int i = 0; i < exts.size(); i++) {
            assertThat(exts.get(i).id()).as(where).isEqualTo(expected.get(i).path("id").asInt());
            assertThat(HEX.formatHex(exts.get(i).value())).as(where).isEqualTo(expected.get(i).path("hex").asText());
        }
    }
}
