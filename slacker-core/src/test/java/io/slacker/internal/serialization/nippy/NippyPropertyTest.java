package io.slacker.internal.serialization.nippy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.ValueGenerator;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Round trips of generated values, size classes, and hostile input. */
class NippyPropertyTest {
    private static final NippySerializer NIPPY = new NippySerializer();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tenThousandGeneratedValuesRoundTrip() {
        ValueGenerator gen = new ValueGenerator(20240601L, ValueGenerator.Profile.NIPPY, 4);
        int n = 0;
        for (int i = 0; i < 10_000; i++) {
            Object v = gen.next();
            byte[] bytes = NIPPY.serialize(v);
            Object back = NIPPY.deserialize(bytes);
            String diff = DataEquality.diff(v, back);
            assertThat(diff).as("value #%d", i).isNull();
            assertThat(NIPPY.serialize(back)).as("re-encoding of value #%d", i).isEqualTo(bytes);
            n++;
        }
        assertThat(n).isEqualTo(10_000);
    }

    @Test
    void sizeClassesOfStrings() {
        int[][] cases = {{0, 0x22}, {1, 0x69}, {127, 0x69}, {128, 0x10}, {32767, 0x10}, {32768, 0x0d}};
        for (int[] c : cases) {
            byte[] b = NIPPY.serialize("x".repeat(c[0]));
            assertThat(b[0] & 0xff).as("string of %d bytes", c[0]).isEqualTo(c[1]);
            assertThat(b).hasSize(c[0] == 0 ? 1 : 1 + (c[1] == 0x69 ? 1 : c[1] == 0x10 ? 2 : 4) + c[0]);
            assertThat(NIPPY.deserialize(b)).isEqualTo("x".repeat(c[0]));
        }
        // size classes count UTF-8 bytes, not chars: 64 x "é" is 128 bytes
        assertThat(NIPPY.serialize("é".repeat(64))[0]).isEqualTo((byte) 0x10);
    }

    @Test
    void sizeClassesOfNamesAndCollections() {
        assertThat(NIPPY.serialize(Keyword.of("k".repeat(127)))[0]).isEqualTo((byte) 106);
        assertThat(NIPPY.serialize(Keyword.of("k".repeat(128)))[0]).isEqualTo((byte) 85);
        assertThat(NIPPY.serialize(Symbol.of("s".repeat(127)))[0]).isEqualTo((byte) 56);
        assertThat(NIPPY.serialize(Symbol.of("s".repeat(32767)))[0]).isEqualTo((byte) 86);
        assertThatThrownBy(() -> NIPPY.serialize(Keyword.of("k".repeat(32768))))
                .isInstanceOf(SerializationException.class);

        int[][] vec = {{0, 17}, {1, 110}, {2, 113}, {3, 114}, {4, 110}, {127, 110}, {128, 69}, {32767, 69},
            {32768, 21}};
        for (int[] c : vec) {
            List<Object> l = new ArrayList<>(java.util.Collections.nCopies(c[0], (Object) null));
            byte[] b = NIPPY.serialize(l);
            assertThat(b[0] & 0xff).as("vector of %d", c[0]).isEqualTo(c[1]);
            assertThat((List<?>) NIPPY.deserialize(b)).hasSize(c[0]);
            ClojureList cl = ClojureList.copyOf(l);
            int listId = c[0] == 0 ? 35 : c[0] <= 127 ? 36 : c[0] <= 32767 ? 54 : 20;
            assertThat(NIPPY.serialize(cl)[0] & 0xff).isEqualTo(listId);
            assertThat(NIPPY.deserialize(NIPPY.serialize(cl))).isInstanceOf(ClojureList.class).isEqualTo(cl);
        }
        for (int size : new int[] {0, 127, 128, 32767, 32768}) {
            Map<Object, Object> m = new LinkedHashMap<>();
            Set<Object> s = new LinkedHashSet<>();
            for (long i = 0; i < size; i++) {
                m.put(i, null);
                s.add(i);
            }
            int mapId = size == 0 ? 19 : size <= 127 ? 112 : size <= 32767 ? 33 : 30;
            int setId = size == 0 ? 18 : size <= 127 ? 111 : size <= 32767 ? 32 : 23;
            assertThat(NIPPY.serialize(m)[0] & 0xff).isEqualTo(mapId);
            assertThat(NIPPY.serialize(s)[0] & 0xff).isEqualTo(setId);
            assertThat(NIPPY.deserialize(NIPPY.serialize(m))).isEqualTo(m);
            assertThat(NIPPY.deserialize(NIPPY.serialize(s))).isEqualTo(s);
        }
    }

    @Test
    void integerWidths() {
        Object[][] cases = {{0L, "00"}, {1L, "6401"}, {-128L, "6480"}, {128L, "650080"}, {-129L, "65ff7f"},
            {32767L, "657fff"}, {32768L, "6600008000"}, {-32769L, "66ffff7fff"}, {2147483647L, "667fffffff"},
            {2147483648L, "2b0000000080000000"}, {-2147483649L, "2bffffffff7fffffff"}, {42, "2a0000002a"},
            {(short) 7, "290007"}, {(byte) -1, "28ff"}, {0.0, "37"}, {1.5, "3d3ff8000000000000"},
            {1.5f, "3c3fc00000"}, {BigInteger.ONE, "2c0000000101"}, {'é', "0a00e9"}, {true, "08"},
            {new byte[] {1, 2}, "07020102"}, {new byte[0], "35"}};
        for (Object[] c : cases) {
            assertThat(HEX.formatHex(NIPPY.serialize(c[0]))).as("%s", c[0]).isEqualTo(c[1]);
        }
        // narrower Java types read back as the data model's Long / Double
        assertThat(NIPPY.deserialize(HEX.parseHex("2a0000002a"))).isEqualTo(42L);
        assertThat(NIPPY.deserialize(HEX.parseHex("3c3fc00000"))).isEqualTo(1.5);
    }

    @Test
    void datesAndInstants() {
        Instant ms = Instant.parse("2020-01-02T03:04:05.678Z");
        assertThat(HEX.formatHex(NIPPY.serialize(ms))).isEqualTo("5a0000016f6435cf2e");
        assertThat(HEX.formatHex(NIPPY.serialize(Date.from(ms)))).isEqualTo("5a0000016f6435cf2e");
        Instant ns = Instant.ofEpochSecond(1, 5);
        assertThat(HEX.formatHex(NIPPY.serialize(ns))).isEqualTo("4f000000000000000100000005");
        assertThat(NIPPY.deserialize(NIPPY.serialize(ns))).isEqualTo(ns);
    }

    @Test
    void readsDeprecatedCachedAndMetaIds() {
        // kw-depr1 (readUTF) :ab, str-depr1 "hi", boolean-depr1 true, kw-md-depr1 :a
        assertThat(NIPPY.deserialize(HEX.parseHex("0c00026162"))).isEqualTo(Keyword.of("ab"));
        assertThat(NIPPY.deserialize(HEX.parseHex("0b00026869"))).isEqualTo("hi");
        assertThat(NIPPY.deserialize(HEX.parseHex("0401"))).isEqualTo(true);
        assertThat(NIPPY.deserialize(HEX.parseHex("4d0000000161"))).isEqualTo(Keyword.of("a"));
        // map-depr2: item count 2 -> {:a 1}
        assertThat(NIPPY.deserialize(HEX.parseHex("1b000000026a01616401"))).isEqualTo(Map.of(Keyword.of("a"), 1L));
        // [(cache :a) (cache :a)] -> cached-0 carrying :a, then cached-0 alone
        assertThat(NIPPY.deserialize(HEX.parseHex("713b6a01613b"))).isEqualTo(List.of(Keyword.of("a"), Keyword.of("a")));
        // metadata is skipped: ^{:a 1} [] -> []
        assertThat(NIPPY.deserialize(HEX.parseHex("19 70 01 6a0161 6401 11".replace(" ", "")))).isEqualTo(List.of());
    }

    @Test
    void headeredPayloads() {
        byte[] bare = NIPPY.serialize(List.of("hello", "hello", "hello", "hello", 42L));
        // NPY header, no compression
        assertThat(NIPPY.deserialize(concat(new byte[] {'N', 'P', 'Y', 0}, bare))).isEqualTo(NIPPY.deserialize(bare));
        // compressed payloads (slacker never sends them): a clear refusal, no hand-made decompressor
        assertThatThrownBy(() -> NIPPY.deserialize(concat(new byte[] {'N', 'P', 'Y', 8}, intBytes(bare.length), bare)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("lz4");
        assertThatThrownBy(() -> NIPPY.deserialize(concat(new byte[] {'N', 'P', 'Y', 1}, bare)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("snappy");
        // encrypted / lzma2 / unknown: clear errors
        assertThatThrownBy(() -> NIPPY.deserialize(concat(new byte[] {'N', 'P', 'Y', 14}, bare)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> NIPPY.deserialize(concat(new byte[] {'N', 'P', 'Y', 11}, bare)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("LZMA2");
        assertThatThrownBy(() -> NIPPY.deserialize(concat(new byte[] {'N', 'P', 'Y', 99}, bare)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("header");
    }

    @Test
    void refusesClassNamingIds() {
        int[] ids = {75, 76, 46, 50, 6, 48, 49, 80, 81, 82, 47, 51, 52, 5, 1, 92, 116, 127, -1, -128};
        for (int id : ids) {
            byte[] in = {(byte) id, 3, 'a', 'b', 'c', 3};
            assertThatThrownBy(() -> NIPPY.deserialize(in)).as("id %d", id)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("unsupported nippy type id " + id);
        }
    }

    @Test
    void truncatedInput() {
        ValueGenerator gen = new ValueGenerator(7L, ValueGenerator.Profile.NIPPY, 3);
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            byte[] b = NIPPY.serialize(gen.next());
            if (b.length < 2000) {
                checked += Fuzz.checkTruncations(NIPPY, b);
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThatThrownBy(() -> NIPPY.deserialize(new byte[0])).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> NIPPY.deserialize(HEX.parseHex("642a00"))).hasMessageContaining("trailing");
    }

    @Test
    void hugeDeclaredLengths() {
        String[] inputs = {
            "0d7fffffff6162", // string declaring 2 GB
            "0dffffffff6162", // negative length
            "027fffffff00", // bytes-lg 2 GB
            "157fffffff03", // vector of 2^31-1 items
            "1e7fffffff0303", // map-lg
            "177fffffff03", // set-lg
            "147fffffff03", // list-lg
            "2c7fffffff01", // bigint of 2 GB
            "3e7fffffff01", // bigdec
            "0e7fffffff61", // kw-lg
            "4500ff03", // vec-md negative count
            "6e80", // vec-sm count -128
            "69ff", // str-sm length -1
        };
        for (String h : inputs) {
            assertThatThrownBy(() -> NIPPY.deserialize(HEX.parseHex(h))).as(h)
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void deepNesting() {
        int levels = 100_000;
        for (byte[] unit : new byte[][] {{0x6e, 0x01}, {0x24, 0x01}, {0x6f, 0x01}, {0x70, 0x01, 0x03},
            {0x19, 0x03}, {0x3b}, {0x3a, 0x3b}}) {
            byte[] in = new byte[levels * unit.length + 1];
            for (int i = 0; i < levels; i++) {
                System.arraycopy(unit, 0, in, i * unit.length, unit.length);
            }
            in[in.length - 1] = 0x03;
            assertThatThrownBy(() -> NIPPY.deserialize(in)).as("unit %s", HEX.formatHex(unit))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("nesting");
        }
        // writing: a 100,000-deep structure is refused, not a StackOverflowError
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < levels; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThatThrownBy(() -> NIPPY.serialize(deep)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("nesting");
        // a cycle is refused the same way
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> NIPPY.serialize(cyclic)).isInstanceOf(SerializationException.class);
        // 512 levels is fine, 513 is not
        assertThat(NIPPY.deserialize(nestedVectors(512))).isNotNull();
        assertThatThrownBy(() -> NIPPY.deserialize(nestedVectors(513))).hasMessageContaining("nesting");
    }

    @Test
    void randomBytesOnlyRaiseSerializationException() {
        ValueGenerator gen = new ValueGenerator(99L, ValueGenerator.Profile.NIPPY, 2);
        byte[][] seeds = new byte[50][];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = NIPPY.serialize(gen.next());
        }
        assertThat(Fuzz.randomInputs(NIPPY, 12345L, 20_000, seeds)).isEqualTo(40_000);
    }

    @Test
    void typesOutsideTheModelGoThroughJavaData() {
        record Point(long x, String label) {
        }
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put(Keyword.of("x"), 3L);
        expected.put(Keyword.of("label"), "p");
        assertThat(NIPPY.deserialize(NIPPY.serialize(new Point(3, "p")))).isEqualTo(expected);
        assertThat(NIPPY.deserialize(NIPPY.serialize(java.time.DayOfWeek.MONDAY))).isEqualTo(Keyword.of("monday"));
        assertThatThrownBy(() -> NIPPY.serialize(new Object())).isInstanceOf(SerializationException.class);
    }

    private static byte[] nestedVectors(int levels) {
        byte[] in = new byte[levels * 2 + 1];
        for (int i = 0; i < levels; i++) {
            in[2 * i] = 0x6e;
            in[2 * i + 1] = 0x01;
        }
        in[in.length - 1] = 0x03;
        return in;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
