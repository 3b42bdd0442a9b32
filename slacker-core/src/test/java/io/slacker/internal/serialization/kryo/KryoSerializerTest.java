package io.slacker.internal.serialization.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.DataEquality;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {
    private static final KryoSerializer KRYO = new KryoSerializer();

    record Point(long x, long y) {
    }

    record Shape(String name, List<Point> points, Kind kind, Map<Keyword, Object> meta) {
    }

    enum Kind { CONVEX, CONCAVE { } }

    /** A POJO with a no-argument constructor. */
    public static final class Bean {
        private String label;
        private int count;

        public Bean() {
        }

        Bean(String label, int count) {
            this.label = label;
            this.count = count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bean b && b.count == count && java.util.Objects.equals(b.label, label);
        }

        @Override
        public int hashCode() {
            return count;
        }
    }

    static final class Unregistered {
    }

    private static Object roundTrip(KryoSerializer k, Object v) {
        return k.deserialize(k.serialize(v));
    }

    static Map<Object, Object> wholeDataModel() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("nil"), null);
        m.put(Keyword.of("bools"), new ArrayList<>(List.of(true, false)));
        m.put(Keyword.of("my.ns/longs"), new ArrayList<>(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)));
        m.put(Keyword.of("boxes"), new ArrayList<>(List.of(1, (short) 2, (byte) 3, 4.5f, 'c', 'é')));
        m.put(Keyword.of("doubles"), new ArrayList<>(List.of(3.14, -0.0, Double.NaN, Double.POSITIVE_INFINITY)));
        m.put(Keyword.of("big"), new ArrayList<>(List.of(new BigInteger("-123456789012345678901234567890"), BigInteger.ZERO,
                new BigDecimal("3.14159265358979323846"), new BigDecimal("1E+5"), Ratio.of(-1, 3))));
        m.put("string key", "h\u00e9llo \u65e5\u672c \ud83d\ude00");
        m.put(Symbol.of("a.b", "c"), Symbol.of("plain"));
        m.put(7L, ClojureList.of(1L, ClojureList.empty(), "x"));
        m.put(Keyword.of("set"), new LinkedHashSet<>(List.of(3L, 1L, 2L)));
        m.put(Keyword.of("hash"), new HashMap<>(Map.of("a", 1L)));
        m.put(Keyword.of("hashset"), new HashSet<>(Set.of("z")));
        m.put(Keyword.of("uuid"), UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab"));
        m.put(Keyword.of("inst"), Instant.parse("2020-01-02T03:04:05.678901234Z"));
        m.put(Keyword.of("date"), new Date(1_577_934_245_678L));
        m.put(Keyword.of("empty"), new ArrayList<>(List.of(new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashSet<>(), "")));
        return m;
    }

    @Test
    void contentType() {
        assertThat(KRYO.contentType()).isEqualTo(ContentType.CARB);
    }

    @Test
    void roundTripsTheWholeDataModelWithTypes() {
        Map<Object, Object> m = wholeDataModel();
        Object back = roundTrip(KRYO, m);
        assertThat(DataEquality.diffInOrder(m, back)).isNull();
        assertThat(back).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> b = (Map<?, ?>) back;
        assertThat(b.keySet().iterator().next()).isSameAs(Keyword.of("nil"));
        assertThat(b.get(Keyword.of("hash"))).isInstanceOf(HashMap.class);
        assertThat(b.get(Keyword.of("hashset"))).isInstanceOf(HashSet.class);
        assertThat(b.get(7L)).isInstanceOf(ClojureList.class);
        for (Object scalar : List.of(42L, "s", Keyword.of("k"), 1.5, true, 'x', 3, (short) 4, (byte) 5, 2.5f)) {
            assertThat(roundTrip(KRYO, scalar)).isEqualTo(scalar).hasSameClassAs(scalar);
        }
        assertThat(roundTrip(KRYO, null)).isNull();
    }

    @Test
    void roundTripsArrays() {
        assertThat((byte[]) roundTrip(KRYO, new byte[] {1, -2, 3})).containsExactly(1, -2, 3);
        assertThat((int[]) roundTrip(KRYO, new int[] {1, Integer.MIN_VALUE})).containsExactly(1, Integer.MIN_VALUE);
        assertThat((long[]) roundTrip(KRYO, new long[] {1, Long.MAX_VALUE})).containsExactly(1, Long.MAX_VALUE);
        assertThat((double[]) roundTrip(KRYO, new double[] {1.5})).containsExactly(1.5);
        assertThat((float[]) roundTrip(KRYO, new float[] {2.5f})).containsExactly(2.5f);
        assertThat((short[]) roundTrip(KRYO, new short[] {7})).containsExactly((short) 7);
        assertThat((char[]) roundTrip(KRYO, new char[] {'a', 'é'})).containsExactly('a', 'é');
        assertThat((boolean[]) roundTrip(KRYO, new boolean[] {true, false})).containsExactly(true, false);
        assertThat((Object[]) roundTrip(KRYO, new Object[] {1L, null, "x"})).containsExactly(1L, null, "x");
        assertThat((String[]) roundTrip(KRYO, new String[] {"a", null})).containsExactly("a", null);
    }

    @Test
    void writesOtherCollectionsAsTheirCanonicalForm() {
        assertThat(roundTrip(KRYO, List.of(1L, 2L))).isInstanceOf(ArrayList.class).isEqualTo(List.of(1L, 2L));
        assertThat(roundTrip(KRYO, Arrays.asList("a", null))).isInstanceOf(ArrayList.class);
        assertThat(roundTrip(KRYO, Map.of(Keyword.of("a"), 1L))).isInstanceOf(LinkedHashMap.class).isEqualTo(Map.of(Keyword.of("a"), 1L));
        TreeMap<String, Long> sorted = new TreeMap<>(Map.of("b", 2L, "a", 1L));
        Map<String, Long> inOrder = new LinkedHashMap<>();
        inOrder.put("a", 1L);
        inOrder.put("b", 2L);
        assertThat(DataEquality.diffInOrder(inOrder, roundTrip(KRYO, sorted))).isNull();
        assertThat(roundTrip(KRYO, Set.of(1L))).isInstanceOf(LinkedHashSet.class);
        assertThat(roundTrip(KRYO, java.util.Collections.unmodifiableList(new ArrayList<>(List.of(1L))))).isEqualTo(List.of(1L));
        assertThat(roundTrip(KRYO, new java.sql.Timestamp(5))).isEqualTo(new Date(5)).isExactlyInstanceOf(Date.class);
    }

    @Test
    void userClassesRoundTripWhenRegistered() {
        KryoSerializer k = KryoSerializer.builder().register(Point.class).register(Shape.class).register(Kind.class)
                .register(Bean.class, 120).build();
        Shape s = new Shape("tri", List.of(new Point(1, 2), new Point(3, 4)), Kind.CONCAVE, Map.of(Keyword.of("a"), List.of(1L)));
        Object back = roundTrip(k, s);
        assertThat(back).isEqualTo(s);
        assertThat(roundTrip(k, new Bean("b", 3))).isEqualTo(new Bean("b", 3));
        assertThat(roundTrip(k, List.of(Kind.CONVEX, new Point(5, 6)))).isEqualTo(List.of(Kind.CONVEX, new Point(5, 6)));
        // same registrations, another instance: ids are stable
        KryoSerializer other = KryoSerializer.builder().register(Point.class).register(Shape.class).register(Kind.class)
                .register(Bean.class, 120).build();
        assertThat(other.deserialize(k.serialize(s))).isEqualTo(s);
    }

    @Test
    void unregisteredClassesFailOnWriteAndRead() {
        assertThatThrownBy(() -> KRYO.serialize(new Unregistered())).isInstanceOf(SerializationException.class)
                .hasMessageContaining(Unregistered.class.getName());
        assertThatThrownBy(() -> KRYO.serialize(List.of(Map.of("k", new Point(1, 2))))).isInstanceOf(SerializationException.class)
                .hasMessageContaining(Point.class.getName());
        KryoSerializer withPoint = KryoSerializer.builder().register(Point.class).register(Shape.class).build();
        // nested inside a registered record
        assertThatThrownBy(() -> withPoint.serialize(new Shape("s", List.of(), Kind.CONVEX, Map.of())))
                .isInstanceOf(SerializationException.class).hasMessageContaining(Kind.class.getName());
        byte[] bytes = withPoint.serialize(List.of(new Point(1, 2)));
        assertThatThrownBy(() -> KRYO.deserialize(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("class id 100 is not registered");
        // a class name on the wire (Kryo's NAME marker, id 1) is never resolved
        assertThatThrownBy(() -> KRYO.deserialize(new byte[] {1, 0, 'j' | (byte) 0x80}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("class names");
    }

    @Test
    void builderChecksIds() {
        assertThatThrownBy(() -> KryoSerializer.builder().register(Point.class, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KryoSerializer.builder().register(Point.class, 100).register(Shape.class, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already used");
        assertThatThrownBy(() -> KryoSerializer.builder().register(Point.class).register(Point.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KryoSerializer.builder().register(Point[].class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsNesting() {
        Object deep = "leaf";
        for (int i = 0; i < 512; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        Object fine = deep;
        assertThat(DataEquality.diffInOrder(fine, roundTrip(KRYO, fine))).isNull();
        Object tooDeep = new ArrayList<>(List.of(deep));
        assertThatThrownBy(() -> KRYO.serialize(tooDeep)).isInstanceOf(SerializationException.class);
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> KRYO.serialize(cyclic)).isInstanceOf(SerializationException.class);
        // hand-made: 100 000 nested ArrayLists of one element (class id 24 + 2, count 1)
        byte[] nested = new byte[200_001];
        for (int i = 0; i < 100_000; i++) {
            nested[2 * i] = 26;
            nested[2 * i + 1] = 1;
        }
        assertThatThrownBy(() -> KRYO.deserialize(nested)).isInstanceOf(SerializationException.class);
        // and the serializer still works afterwards
        assertThat(roundTrip(KRYO, List.of(1L))).isEqualTo(List.of(1L));
    }

    @Test
    void hugeDeclaredLengthsFailWithoutAllocating() {
        byte[][] cases = {
            {26, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},         // ArrayList of 2^31-1
            {27, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},         // LinkedHashMap
            {36, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},         // byte[]
            {38, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f},               // long[]
            {44, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f},               // Object[]
            {31, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f},               // BigInteger
            {3, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},          // String (utf-8 form)
            {22, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},         // Keyword
        };
        for (byte[] c : cases) {
            assertThatThrownBy(() -> KRYO.deserialize(c)).as(Arrays.toString(c)).isInstanceOf(SerializationException.class);
        }
        assertThatThrownBy(() -> KRYO.deserialize(new byte[0])).isInstanceOf(SerializationException.class);
        byte[] ok = KRYO.serialize(List.of(1L));
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> KRYO.deserialize(trailing)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unexpected bytes");
    }

    @Test
    void fuzzedBytesOnlyEverFailWithSerializationException() {
        KryoSerializer k = KryoSerializer.builder().register(Point.class).register(Shape.class).register(Kind.class).build();
        List<byte[]> seeds = List.of(KRYO.serialize(wholeDataModel()),
                k.serialize(new Shape("tri", List.of(new Point(1, 2)), Kind.CONVEX, Map.of(Keyword.of("a"), Ratio.of(1, 3)))));
        Random random = new Random(7);
        int failures = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] data;
            if (i % 4 == 0) {
                data = new byte[random.nextInt(64)];
                random.nextBytes(data);
            } else {
                data = seeds.get(random.nextInt(seeds.size())).clone();
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations && data.length > 0; m++) {
                    int pos = random.nextInt(data.length);
                    if (random.nextInt(4) == 0) {
                        data = Arrays.copyOf(data, pos);
                    } else {
                        data[pos] = (byte) random.nextInt(256);
                    }
                }
            }
            try {
                k.deserialize(data);
            } catch (SerializationException expected) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(5_000);
        assertThat(roundTrip(k, new Point(1, 2))).isEqualTo(new Point(1, 2));
    }

    @Test
    void isThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<Object, Object> m = wholeDataModel();
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        if (DataEquality.diffInOrder(m, roundTrip(KRYO, m)) != null) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rememberedKeywordsAreWrittenAndReadExactlyAsKryoDoes() {
        // every string form Kryo has: one char (UTF-8 form), short and long ASCII, non-ASCII,
        // namespaced, names that only start alike; 600 of them, so slots are shared and replaced
        List<Object> keywords = new ArrayList<>();
        keywords.add(Keyword.of("a"));
        keywords.add(Keyword.of("é"));
        keywords.add(Keyword.of("x".repeat(63)));
        keywords.add(Keyword.of("y".repeat(64)));
        keywords.add(Keyword.of("z".repeat(200)));
        keywords.add(Keyword.of("ns.part", "name"));
        keywords.add(Keyword.of("naïve-über"));
        for (int i = 0; i < 600; i++) {
            keywords.add(Keyword.of("field-" + i));
            keywords.add(Keyword.of("field-" + i + "-more"));
        }
        byte[] first = new KryoSerializer().serialize(keywords);
        KryoSerializer warm = new KryoSerializer();
        for (int round = 0; round < 3; round++) {
            assertThat(warm.serialize(keywords)).as("round %d", round).isEqualTo(first);
            assertThat(warm.deserialize(first)).as("round %d", round).isEqualTo(keywords);
        }
        // reversed order: the remembered entries are found from other positions too
        List<Object> reversed = new ArrayList<>(keywords);
        java.util.Collections.reverse(reversed);
        byte[] rev = new KryoSerializer().serialize(reversed);
        assertThat(warm.serialize(reversed)).isEqualTo(rev);
        assertThat(warm.deserialize(rev)).isEqualTo(reversed);
        // a remembered keyword's bytes cut short are refused, not taken for the keyword
        byte[] one = warm.serialize(Keyword.of("field-7"));
        assertThatThrownBy(() -> warm.deserialize(Arrays.copyOf(one, one.length - 1)))
            .isInstanceOf(SerializationException.class);
    }
}
