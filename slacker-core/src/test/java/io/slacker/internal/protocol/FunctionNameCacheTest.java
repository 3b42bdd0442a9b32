package io.slacker.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A decoder reuses the strings of function names it has just seen, and never mixes two names up. */
class FunctionNameCacheTest {

    @Test
    void manyNamesRepeatedAndInterleavedDecodeExactly() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            names.add("ns" + (i % 7) + "/fn-" + i);
        }
        names.add("ünïcödé.ns/ƒ");
        names.add("a/b");
        names.add("a/c");
        names.add("x".repeat(200) + "/long"); // longer than the cache takes
        names.add("");
        Random random = new Random(42);
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        try {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                // runs of one name, then jumps: hits, misses and evictions
                String name = names.get(random.nextInt(4) == 0 ? random.nextInt(names.size()) : i / 50 % names.size());
                sent.add(name);
                ByteBuf b = Unpooled.buffer();
                FrameCodec.encode(new Frame.Request(Frame.V6, i, 1, name, new byte[] {1}, List.of()), b);
                ch.writeInbound(b);
            }
            for (int i = 0; i < sent.size(); i++) {
                Frame.Request r = ch.readInbound();
                assertThat(r.tid()).isEqualTo(i);
                assertThat(r.fname()).isEqualTo(sent.get(i));
            }
            assertThat((Object) ch.readInbound()).isNull();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aRepeatedNameIsTheSameStringAndMalformedUtf8DecodesAsWithoutTheCache() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        try {
            byte[] bad = {'n', 's', '/', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};
            for (int i = 0; i < 2; i++) {
                ch.writeInbound(Unpooled.wrappedBuffer(rawRequest(i, "t/echo".getBytes(StandardCharsets.UTF_8))));
                ch.writeInbound(Unpooled.wrappedBuffer(rawRequest(10 + i, bad)));
            }
            Frame.Request a = ch.readInbound();
            Frame.Request badA = ch.readInbound();
            Frame.Request b = ch.readInbound();
            Frame.Request badB = ch.readInbound();
            assertThat(a.fname()).isEqualTo("t/echo").isSameAs(b.fname());
            String uncached = Unpooled.wrappedBuffer(bad).toString(StandardCharsets.UTF_8);
            assertThat(badA.fname()).isEqualTo(uncached).isEqualTo(badB.fname());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** A v6 request frame with these raw name bytes, an empty payload and no extensions. */
    private static byte[] rawRequest(int tid, byte[] name) {
        ByteBuf b = Unpooled.buffer();
        try {
            b.writeByte(Frame.V6).writeInt(tid).writeByte(PacketType.REQUEST.code()).writeByte(1);
            b.writeShort(name.length).writeBytes(name).writeInt(0).writeByte(0);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }
}
