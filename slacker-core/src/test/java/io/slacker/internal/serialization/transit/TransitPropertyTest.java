package io.slacker.internal.serialization.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.internal.serialization.nippy.Fuzz;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.ValueGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips of generated values and hostile input, for transit-json and transit-msgpack. */
class TransitPropertyTest {
    private static final HexFormat HEX = HexFormat.of();

    private static TransitSerializer of(ContentType t) {
        return new TransitSerializer(t);
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void tenThousandGeneratedValuesRoundTrip(ContentType type) {
        TransitSerializer ser = of(type);
        ValueGenerator gen = new ValueGenerator(20240602L, ValueGenerator.Profile.TRANSIT, 4);
        int n = 0;
        for (int i = 0; i < 10_000; i++) {
            Object v = gen.next();
            byte[] bytes = ser.serialize(v);
            Object back = ser.deserialize(bytes);
            assertThat(DataEquality.diff(v, back)).as("value #%d", i).isNull();
            assertThat(ser.serialize(back)).as("re-encoding of value #%d", i).isEqualTo(bytes);
            n++;
        }
        assertThat(n).isEqualTo(10_000);
    }

    @Test
    void shapesTransitCljWrites() {
        TransitSerializer json = TransitSerializer.json();
        assertThat(text(json.serialize(42L))).isEqualTo("[\"~#'\",42]");
        assertThat(text(json.serialize(Keyword.of("my.ns/bar")))).isEqualTo("[\"~#'\",\"~:my.ns/bar\"]");
        assertThat(text(json.serialize(Ratio.of(1, 3)))).isEqualTo("[\"~#ratio\",[\"~n1\",\"~n3\"]]");
        assertThat(text(json.serialize(ClojureList.of(1L, 2L)))).isEqualTo("[\"~#list\",[1,2]]");
        assertThat(text(json.serialize(Set.of()))).isEqualTo("[\"~#set\",[]]");
        assertThat(text(json.serialize(Instant.ofEpochMilli(1577934245678L)))).isEqualTo("[\"~#'\",\"~m1577934245678\"]");
        assertThat(text(json.serialize(new ArrayList<>(List.of('a'))))).isEqualTo("[\"~ca\"]");
        // repeated keyword map keys are cached, as transit-clj does
        Map<Object, Object> m1 = new LinkedHashMap<>();
        m1.put(Keyword.of("name"), 1L);
        assertThat(text(json.serialize(List.of(m1, m1))))
                .isEqualTo("[[\"^ \",\"~:name\",1],[\"^ \",\"^0\",1]]");
        // composite keys: cmap
        Map<Object, Object> cm = new LinkedHashMap<>();
        cm.put(List.of(1L), 2L);
        assertThat(text(json.serialize(cm))).isEqualTo("[\"~#cmap\",[[1],2]]");
        assertThat(json.deserialize(json.serialize(cm))).isEqualTo(cm);
        // unknown tags stay transit TaggedValues
        assertThat(json.deserialize("[\"~#point\",[1,2]]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(com.cognitect.transit.TaggedValue.class);
        assertThat(json.contentType()).isEqualTo(ContentType.TRANSIT_JSON);
        assertThat(TransitSerializer.msgpack().contentType()).isEqualTo(ContentType.TRANSIT_MSGPACK);
        assertThatThrownBy(() -> new TransitSerializer(ContentType.CLJ)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void truncatedInput(ContentType type) {
        TransitSerializer ser = of(type);
        ValueGenerator gen = new ValueGenerator(8L, ValueGenerator.Profile.TRANSIT, 3);
        int checked = 0;
        for (int i = 0; i < 150; i++) {
            byte[] b = ser.serialize(gen.next());
            if (b.length < 1500) {
                checked += Fuzz.checkTruncations(ser, b);
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void malformedJson() {
        TransitSerializer json = TransitSerializer.json();
        String[] inputs = {"", "[", "]", "[1,", "{\"a\":", "[\"~#ratio\",\"x\"]", "[\"~#ratio\",[\"~n1\",\"~n0\"]]",
            "[\"~#'\",\"~c\"]", "[\"~#'\",\"~uxyz\"]", "[\"~#'\",\"~m12x\"]", "[1] [2]", "[1]]",
            "[\"~#set\",5]", "[\"~#'\",\"~f1.2.3\"]", "[\"~#cmap\",[1]]", "\"abc", "[\"~#'\",\"~n12a\"]"};
        // (a reference to an empty cache slot, ["^7"], is not refused: transit-java, like
        // transit-clj, reads it as null)
        List<String> accepted = new ArrayList<>();
        for (String in : inputs) {
            try {
                accepted.add(in + " -> " + json.deserialize(in.getBytes(StandardCharsets.UTF_8)));
            } catch (SerializationException expected) {
                // fine
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void malformedMsgpack() {
        TransitSerializer mp = TransitSerializer.msgpack();
        String[] inputs = {
            "", "c1", "92", "dbffffffff61", // str32 declaring 4 GB
            "db7fffffff61", // str32 declaring 2 GB
            "dd7fffffff00", // array32 of 2^31-1 items
            "df7fffffff00", // map32
            "da0010616263", // str16 longer than the input
            "c4016161", // bin8: not msgpack 0.6
            "d40100", // fixext
            "91c0c0", // trailing byte
            "92a77e23726174696fa178", // ["~#ratio", "x"]
        };
        List<String> accepted = new ArrayList<>();
        for (String in : inputs) {
            try {
                accepted.add(in + " -> " + mp.deserialize(HEX.parseHex(in)));
            } catch (SerializationException expected) {
                // fine
            }
        }
        assertThat(accepted).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void setsAndListsSideBySideAreNoNesting(ContentType type) {
        TransitSerializer ser = of(type);
        List<Object> records = io.slacker.internal.client.TransitCollectionsTest.records(10_000);
        assertThat(ser.deserialize(ser.serialize(records))).isEqualTo(records);
        List<Object> sets = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            sets.add(Set.of(1L));
            sets.add(ClojureList.of(1L));
            sets.add(Ratio.of(1, 3));
        }
        assertThat(ser.deserialize(ser.serialize(sets))).isEqualTo(sets);
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void deepNesting(ContentType type) {
        TransitSerializer ser = of(type);
        int levels = 100_000;
        byte[] in;
        if (type == ContentType.TRANSIT_JSON) {
            in = ("[".repeat(levels) + "]".repeat(levels)).getBytes(StandardCharsets.UTF_8);
        } else {
            in = new byte[levels + 1];
            java.util.Arrays.fill(in, (byte) 0x91);
            in[levels] = (byte) 0xc0;
        }
        assertThatThrownBy(() -> ser.deserialize(in)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("nesting");
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < levels; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThatThrownBy(() -> ser.serialize(deep)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("nesting");
        // moderate nesting works (msgpack 0.6 itself stops at 127 levels)
        List<Object> ok = new ArrayList<>();
        cur = ok;
        for (int i = 0; i < 100; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThat(ser.deserialize(ser.serialize(ok))).isEqualTo(ok);
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void randomBytesOnlyRaiseSerializationException(ContentType type) {
        TransitSerializer ser = of(type);
        ValueGenerator gen = new ValueGenerator(98L, ValueGenerator.Profile.TRANSIT, 2);
        byte[][] seeds = new byte[50][];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = ser.serialize(gen.next());
        }
        assertThat(Fuzz.randomInputs(ser, 54321L, 5_000, seeds)).isEqualTo(10_000);
    }

    @Test
    void typesOutsideTheModelGoThroughJavaData() {
        record Point(long x, String label) {
        }
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put(Keyword.of("x"), 3L);
        expected.put(Keyword.of("label"), "p");
        for (TransitSerializer ser : List.of(TransitSerializer.json(), TransitSerializer.msgpack())) {
            assertThat(ser.deserialize(ser.serialize(new Point(3, "p")))).isEqualTo(expected);
            assertThatThrownBy(() -> ser.serialize(new Object())).isInstanceOf(SerializationException.class);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
