package io.slacker.internal.serialization.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cognitect.transit.TransitFactory;
import io.slacker.ContentType;
import io.slacker.data.Keyword;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.ValueGenerator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-thread transit writers and readers are reused: every value must come out as a fresh
 * transit-java writer writes it (no separator between root values, no cache state carried over),
 * after failures too, and on many threads at once.
 */
class TransitReuseTest {

    private static Map<Object, Object> user(int i) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("id"), (long) i);
        m.put(Keyword.of("name"), "user-" + i);
        m.put(Keyword.of("tags"), new ArrayList<>(List.of(Keyword.of("admin"), "tag-" + i)));
        return m;
    }

    /** What a brand-new transit-java writer writes for the value. */
    private static byte[] fresh(ContentType type, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransitFactory.Format f = type == ContentType.TRANSIT_JSON ? TransitFactory.Format.JSON : TransitFactory.Format.MSGPACK;
        TransitFactory.writer(f, out, TransitHandlers.WRITE).write(value);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void everyValueOnOneThreadIsWhatAFreshWriterWrites(ContentType type) {
        TransitSerializer ser = new TransitSerializer(type);
        List<Object> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(user(i));
        }
        // the same maps again and again: the write cache ("^0" for repeated keys) starts afresh per value
        for (int round = 0; round < 3; round++) {
            assertThat(ser.serialize(users)).isEqualTo(fresh(type, users));
            assertThat(ser.serialize(user(round))).isEqualTo(fresh(type, user(round)));
            assertThat(ser.serialize(Keyword.of("k"))).isEqualTo(ser.serialize(Keyword.of("k")));
        }
        assertThat(ser.deserialize(ser.serialize(users))).isEqualTo(users);

        // more distinct cacheable keys than the cache has codes (1,936): it starts over, as transit-java's does
        Map<Object, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 2_500; i++) {
            wide.put(Keyword.of("key-" + i), (long) i);
        }
        List<Object> twice = List.of(wide, wide);
        assertThat(ser.serialize(twice)).isEqualTo(fresh(type, twice));
        assertThat(ser.serialize(users)).isEqualTo(fresh(type, users));
        assertThat(ser.deserialize(ser.serialize(twice))).isEqualTo(twice);
    }

    /**
     * Every msgpack header width (fix, 8, 16, 32 and 64 bits; str, array and map lengths), every
     * scalar type and keywords with and without a namespace, in values small and larger than the
     * buffer a thread keeps: the bytes of a fresh transit-java writer, value after value.
     */
    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void everyHeaderWidthAndScalarIsWhatAFreshWriterWrites(ContentType type) {
        TransitSerializer ser = new TransitSerializer(type);
        List<Object> scalars = new ArrayList<>();
        for (long n : new long[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L,
            Long.MAX_VALUE, -1, -32, -33, -128, -129, -32_768, -32_769, Integer.MIN_VALUE - 1L, Long.MIN_VALUE}) {
            scalars.add(n);
        }
        scalars.addAll(List.of(0.0, -1.5, Double.MAX_VALUE, 2.5f, true, false, "", "é ü", "x".repeat(31), "x".repeat(32),
            "y".repeat(255), "y".repeat(256), "z".repeat(65_535), "z".repeat(65_536), new java.math.BigInteger("1".repeat(30)),
            new java.math.BigDecimal("1.25"), 'c', java.util.UUID.fromString("5c2d9a2e-8b1e-4d0e-9a7e-2f5d6c1b0a99"),
            Keyword.of("plain"), Keyword.of("my.ns", "bar"), io.slacker.data.Symbol.of("sym"),
            io.slacker.data.Ratio.of(1, 3), io.slacker.data.ClojureList.of(1L, Keyword.of("plain")), new java.util.Date(0)));
        scalars.add(null);
        Map<Object, Object> map16 = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            map16.put(Keyword.of("ns-" + i % 3, "k" + i), scalars.get(i));
        }
        List<Object> array16 = new ArrayList<>(java.util.Collections.nCopies(70_000, Keyword.of("my.ns", "bar")));
        Map<Object, Object> map32 = new LinkedHashMap<>();
        for (int i = 0; i < 70_000; i++) {
            map32.put("key-" + i, (long) i);
        }
        List<Object> values = List.of(scalars, map16, List.of(map16, map16), array16, user(1), map32, user(2));
        for (int round = 0; round < 2; round++) {
            for (Object v : values) {
                assertThat(ser.serialize(v)).isEqualTo(fresh(type, v));
            }
            for (Object v : scalars) {
                assertThat(ser.serialize(v)).isEqualTo(fresh(type, v));
            }
        }
    }

    /** Map keys of every kind, in maps of several classes: "map" or "cmap" as transit-java decides. */
    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void mapsOfEveryKeyKindAreWhatAFreshWriterWrites(ContentType type) {
        TransitSerializer ser = new TransitSerializer(type);
        List<Object> keys = new ArrayList<>(List.of(Keyword.of("k"), "s", 7L, 2.5, true, 'c', io.slacker.data.Symbol.of("sym"),
            List.of(1L), Map.of(Keyword.of("a"), 1L), new java.util.Date(5)));
        keys.add(null);
        List<Object> values = new ArrayList<>();
        for (Object key : keys) {
            Map<Object, Object> m = new LinkedHashMap<>();
            m.put(Keyword.of("first"), 1L);
            m.put("second", 2L);
            m.put(key, 3L);
            values.add(m);
            values.add(new java.util.HashMap<>(m));
            values.add(java.util.Collections.unmodifiableMap(m)); // not an AbstractMap
        }
        values.add(new java.util.TreeMap<>(Map.of("b", 1L, "a", 2L)));
        values.add(Map.of(Keyword.of("x"), List.of(Map.of(List.of(2L), "cmap inside"))));
        for (Object v : values) {
            assertThat(ser.serialize(v)).as("%s", v).isEqualTo(fresh(type, v));
            assertThat(ser.serialize(List.of(v, v))).as("%s twice", v).isEqualTo(fresh(type, List.of(v, v)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void nestingUpToTheLimitIsReadAndOneMoreIsRefused(ContentType type) {
        for (int limit : new int[] {1, 15, 16, 17, 40}) {
            TransitSerializer ser = new TransitSerializer(type, limit);
            Object ok = List.of(1L); // not empty: the msgpack check counts levels that hold something
            for (int i = 1; i < limit; i++) {
                ok = List.of(ok);
            }
            byte[] bytes = ser.serialize(ok);
            assertThat(ser.deserialize(bytes)).isEqualTo(ok);
            byte[] deeper = new TransitSerializer(type, limit + 1).serialize(List.of(ok));
            assertThatThrownBy(() -> ser.deserialize(deeper)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("nesting");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void aFailedReadLeavesNothingForTheNextOne(ContentType type) {
        TransitSerializer ser = new TransitSerializer(type);
        byte[] good = ser.serialize(user(7));
        assertThat(ser.deserialize(good)).isEqualTo(user(7));
        for (int cut = 1; cut < good.length; cut += 3) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> ser.deserialize(truncated)).isInstanceOf(SerializationException.class);
            assertThat(ser.deserialize(good)).isEqualTo(user(7));
            assertThat(ser.serialize(user(7))).isEqualTo(good);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void manyThreadsAtOnce(ContentType type) throws Exception {
        TransitSerializer ser = new TransitSerializer(type);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // expected bytes written on this thread first (the test above shows they are a fresh writer's)
            ValueGenerator gen = new ValueGenerator(100, ValueGenerator.Profile.TRANSIT, 3);
            List<Object> values = new ArrayList<>();
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                Object v = gen.next();
                values.add(v);
                expected.add(ser.serialize(v));
            }
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 500;
                tasks.add(() -> {
                    int n = 0;
                    for (int k = 0; k < values.size(); k++) {
                        int i = (k + offset) % values.size();
                        byte[] bytes = ser.serialize(values.get(i));
                        assertThat(bytes).isEqualTo(expected.get(i));
                        assertThat(DataEquality.diff(values.get(i), ser.deserialize(bytes))).isNull();
                        n++;
                    }
                    return n;
                });
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a brand-new transit-java msgpack reader (msgpack's own {@code readValue} per scalar) reads. */
    private static Object freshRead(byte[] bytes) {
        Object v = TransitFactory.reader(TransitFactory.Format.MSGPACK, new java.io.ByteArrayInputStream(bytes),
            TransitHandlers.readHandlers()).read();
        return TransitHandlers.normalizeNumber(v);
    }

    @Test
    void msgpackScalarsReadAsAFreshReaderReadsThem() {
        TransitSerializer ser = TransitSerializer.msgpack();
        // ["~#'", x] for x: uint64 max (transit-java cannot read it: an error either way), int64 min, float32 1.5, nil, true, a non-ASCII string
        byte[] quote = {(byte) 0x92, (byte) 0xa3, '~', '#', '\''};
        List<byte[]> scalars = List.of(
            new byte[] {(byte) 0xcf, -1, -1, -1, -1, -1, -1, -1, -1},
            new byte[] {(byte) 0xd3, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0},
            new byte[] {(byte) 0xca, 0x3f, (byte) 0xc0, 0, 0},
            new byte[] {(byte) 0xc0},
            new byte[] {(byte) 0xc3},
            new byte[] {(byte) 0xa3, 'h', (byte) 0xc3, (byte) 0xa9});
        for (byte[] scalar : scalars) {
            byte[] bytes = new byte[quote.length + scalar.length];
            System.arraycopy(quote, 0, bytes, 0, quote.length);
            System.arraycopy(scalar, 0, bytes, quote.length, scalar.length);
            Object expected;
            try {
                expected = freshRead(bytes);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> ser.deserialize(bytes)).isInstanceOf(SerializationException.class);
                continue;
            }
            assertThat(ser.deserialize(bytes)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> freshRead(new byte[] {(byte) 0x92, (byte) 0xa3, '~', '#', '\'', (byte) 0xcf, -1, -1, -1,
            -1, -1, -1, -1, -1})).isInstanceOf(RuntimeException.class);
        assertThat(ser.deserialize(new byte[] {(byte) 0x92, (byte) 0xa3, '~', '#', '\'', (byte) 0xd3, (byte) 0x80, 0, 0, 0, 0,
            0, 0, 0})).isEqualTo(Long.MIN_VALUE);
        // malformed UTF-8 stays an error, and the next read is unaffected
        byte[] malformed = {(byte) 0x92, (byte) 0xa3, '~', '#', '\'', (byte) 0xa2, (byte) 0xc3, (byte) 0x28};
        assertThatThrownBy(() -> ser.deserialize(malformed)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> freshRead(malformed)).isInstanceOf(RuntimeException.class);
        byte[] users = ser.serialize(List.of(user(1), user(2)));
        assertThat(ser.deserialize(users)).isEqualTo(freshRead(users));
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void valuesThatNeedRewritingDeepInsideAreWrittenAsBefore(ContentType type) {
        TransitSerializer ser = new TransitSerializer(type);
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("a"), 1L);
        m.put(Keyword.of("b"), new java.util.ArrayDeque<>(List.of(1L, 2L)));
        m.put(Keyword.of("when"), java.time.Instant.ofEpochMilli(1_700_000_000_123L));
        m.put(Keyword.of("c"), new java.util.TreeSet<>(List.of("x", "y")));
        List<Object> value = new ArrayList<>(List.of("first", m, new Object[] {Keyword.of("k"), java.time.Instant.EPOCH}));
        Map<Object, Object> expectedData = new LinkedHashMap<>(m);
        expectedData.put(Keyword.of("b"), io.slacker.data.ClojureList.of(1L, 2L));
        expectedData.put(Keyword.of("when"), new java.util.Date(1_700_000_000_123L));
        expectedData.put(Keyword.of("c"), new java.util.LinkedHashSet<>(List.of("x", "y")));
        List<Object> expected = List.of("first", expectedData, List.of(Keyword.of("k"), new java.util.Date(0)));
        assertThat(ser.serialize(value)).isEqualTo(fresh(type, expected));
        // the caller's value is left as it was
        assertThat(m.get(Keyword.of("when"))).isInstanceOf(java.time.Instant.class);
    }
}
