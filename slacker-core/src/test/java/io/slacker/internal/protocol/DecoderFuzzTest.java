package io.slacker.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.slacker.testkit.WireVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated golden frames and random byte strings: the decoder never throws anything
 * but {@link MalformedFrameException}, never loops, and (through a channel) never leaks a buffer.
 */
class DecoderFuzzTest {
    private static final int MAX_BODY = 1 << 20;

    private static List<byte[]> corpus() {
        List<byte[]> frames = new ArrayList<>();
        for (String f : WireVectors.files()) {
            if (!f.equals("http.jsonl")) {
                WireVectors.load(f).stream().map(WireVectors.Vector::bytes).filter(b -> b.length > 0).forEach(frames::add);
            }
        }
        assertThat(frames).hasSizeGreaterThan(600);
        return frames;
    }

    private static byte[] mutate(byte[] src, SplittableRandom rnd) {
        byte[] b = src.clone();
        int kind = rnd.nextInt(4);
        switch (kind) {
            case 0 -> { // flip some bytes
                for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> { // truncate
                b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 2 -> { // garbage appended
                byte[] tail = new byte[rnd.nextInt(1, 32)];
                rnd.nextBytes(tail);
                byte[] c = java.util.Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, c, b.length, tail.length);
                b = c;
            }
            default -> { // corrupt a length field region (bytes 6..12)
                if (b.length > 8) {
                    int at = 6 + rnd.nextInt(Math.min(6, b.length - 6));
                    b[at] = (byte) 0xff;
                }
            }
        }
        return b;
    }

    /** Decodes everything it can; returns the number of frames and errors seen. */
    private static int drain(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        int events = 0;
        while (in.isReadable()) {
            int before = in.readerIndex();
            try {
                Frame f = FrameCodec.decode(in, MAX_BODY);
                if (f == null) {
                    break;
                }
                ByteBuf out = Unpooled.buffer(FrameCodec.sizeHint(f));
                FrameCodec.encode(f, out);
                out.release();
            } catch (MalformedFrameException e) {
                events++;
                if (!e.recoverable()) {
                    break;
                }
            }
            events++;
            assertThat(in.readerIndex()).as("decoder made progress").isGreaterThan(before);
        }
        return events;
    }

    @Test
    void mutatedGoldenFramesOnlyEverRaiseProtocolException() {
        List<byte[]> corpus = corpus();
        SplittableRandom rnd = new SplittableRandom(20261123);
        int events = 0;
        for (int i = 0; i < 20_000; i++) {
            events += drain(mutate(corpus.get(rnd.nextInt(corpus.size())), rnd));
        }
        assertThat(events).isGreaterThan(10_000);
    }

    @Test
    void randomBytesOnlyEverRaiseProtocolException() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(1, 64)];
            rnd.nextBytes(b);
            if (rnd.nextBoolean()) {
                b[0] = (byte) (5 + rnd.nextInt(2)); // a valid version more often than not
            }
            drain(b);
        }
    }

    @Test
    void mutatedStreamsThroughAChannelLeakNothing() {
        List<byte[]> corpus = corpus();
        SplittableRandom rnd = new SplittableRandom(99);
        for (int i = 0; i < 2_000; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX_BODY));
            for (int j = rnd.nextInt(1, 6); j > 0; j--) {
                byte[] b = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(b.length);
                buf.writeBytes(b);
                ch.writeInbound(buf);
            }
            for (Object o; (o = ch.readInbound()) != null; ) {
                assertThat(o).isInstanceOfAny(Frame.class, InvalidFrame.class);
            }
            ch.finishAndReleaseAll();
        }
    }
}
