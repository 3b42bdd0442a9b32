package io.slacker.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.data.Keyword;
import io.slacker.internal.serialization.json.JsonSerializer;
import io.slacker.internal.serialization.kryo.KryoSerializer;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class DeflateSerializerTest {

    private static Map<Keyword, Object> sample() {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("name"), "h\u00e9llo");
        m.put(Keyword.of("items"), new ArrayList<>(Collections.nCopies(200, 12345L)));
        return m;
    }

    private static byte[] zlib(byte[] plain) {
        Deflater d = new Deflater(9);
        d.setInput(plain);
        d.finish();
        byte[] out = new byte[plain.length + 1024];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void roundTripsEveryAvailableInner() {
        int checked = 0;
        Serializers all = Serializers.defaults();
        for (ContentType t : ContentType.values()) {
            if (t.isDeflate() && all.supports(t)) {
                Serializer s = all.get(t);
                assertThat(s).isInstanceOf(DeflateSerializer.class);
                assertThat(((DeflateSerializer) s).inner().contentType()).isEqualTo(t.inner());
                byte[] bytes = s.serialize(sample());
                assertThat(bytes.length).isLessThan(all.get(t.inner()).serialize(sample()).length);
                assertThat(s.deserialize(bytes)).isEqualTo(sample());
                // a standard zlib stream of the inner bytes
                Inflater inf = new Inflater();
                inf.setInput(bytes);
                assertThat(inf.needsDictionary()).isFalse();
                inf.end();
                assertThat(s.deserialize(zlib(all.get(t.inner()).serialize(sample())))).isEqualTo(sample());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    /** Inflates with a plain {@link Inflater}, as any zlib reader (the Clojure side's too) would. */
    private static byte[] inflate(byte[] zlib) throws Exception {
        Inflater inf = new Inflater();
        inf.setInput(zlib);
        byte[] out = new byte[4096];
        int n = inf.inflate(out);
        assertThat(inf.finished()).isTrue();
        assertThat(inf.getRemaining()).isZero();
        inf.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void smallPayloadsAreStoredLargerOnesCompressedBothStandardZlib() throws Exception {
        Serializer json = new JsonSerializer();
        DeflateSerializer s = new DeflateSerializer(json);
        for (int len = 0; len < 200; len++) {
            String value = "a".repeat(len);
            byte[] plain = json.serialize(value);
            byte[] bytes = s.serialize(value);
            assertThat(inflate(bytes)).as("length %d", len).isEqualTo(plain);
            assertThat(s.deserialize(bytes)).isEqualTo(value);
            boolean stored = (bytes[2] & 0x07) == 0x01; // final block, type 00 (stored)
            assertThat(stored).as("stored at %d bytes", plain.length)
                .isEqualTo(plain.length < DeflateSerializer.STORE_BELOW_BYTES);
            if (!stored) {
                assertThat(bytes.length).isLessThan(plain.length); // a run of 'a's compresses
            }
        }
    }

    @Test
    void contentTypes() {
        assertThat(new DeflateSerializer(new JsonSerializer()).contentType()).isEqualTo(ContentType.DEFLATE_JSON);
        assertThat(new DeflateSerializer(new KryoSerializer()).contentType()).isEqualTo(ContentType.DEFLATE_CARB);
        assertThatThrownBy(() -> DeflateSerializer.deflateOf(ContentType.TRANSIT_JSON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflateSerializer.deflateOf(ContentType.DEFLATE_CLJ)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZipBombs() {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] json = new byte[zeros.length + 2];
        json[0] = '"';
        Arrays.fill(json, 1, json.length - 1, (byte) 'a');
        json[json.length - 1] = '"';
        byte[] bomb = zlib(json);
        assertThat(bomb.length).isLessThan(200_000);
        DeflateSerializer s = new DeflateSerializer(new JsonSerializer());
        assertThatThrownBy(() -> s.deserialize(bomb)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("more than 16777216 bytes");
        DeflateSerializer small = new DeflateSerializer(new JsonSerializer(), 1000, -1);
        byte[] exactly1000 = zlib(("\"" + "b".repeat(998) + "\"").getBytes());
        assertThat(small.deserialize(exactly1000)).isEqualTo("b".repeat(998));
        byte[] just1001 = zlib(("\"" + "b".repeat(999) + "\"").getBytes());
        assertThatThrownBy(() -> small.deserialize(just1001)).isInstanceOf(SerializationException.class);
    }

    @Test
    void rejectsCorruptAndTruncatedStreams() {
        DeflateSerializer s = new DeflateSerializer(new JsonSerializer());
        byte[] good = s.serialize(sample());
        assertThatThrownBy(() -> s.deserialize(Arrays.copyOf(good, good.length - 5))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> s.deserialize(new byte[0])).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> s.deserialize("not deflate".getBytes())).isInstanceOf(SerializationException.class);
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> s.deserialize(trailing)).isInstanceOf(SerializationException.class);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x55;
        assertThatThrownBy(() -> s.deserialize(flipped)).isInstanceOf(SerializationException.class);
    }

    @Test
    void fuzzedBytesOnlyEverFailWithSerializationException() {
        List<DeflateSerializer> serializers = List.of(new DeflateSerializer(new JsonSerializer(), 1 << 20, -1),
                new DeflateSerializer(new KryoSerializer(), 1 << 20, -1));
        Random random = new Random(3);
        int failures = 0;
        for (int i = 0; i < 6_000; i++) {
            DeflateSerializer s = serializers.get(i % 2);
            byte[] data;
            if (i % 5 == 0) {
                data = new byte[random.nextInt(64)];
                random.nextBytes(data);
            } else {
                data = s.serialize(sample());
                int pos = random.nextInt(data.length);
                if (random.nextBoolean()) {
                    data[pos] = (byte) random.nextInt(256);
                } else {
                    data = Arrays.copyOf(data, pos);
                }
            }
            try {
                s.deserialize(data);
            } catch (SerializationException expected) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(3_000);
    }
}
