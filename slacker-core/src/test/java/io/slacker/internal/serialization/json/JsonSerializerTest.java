package io.slacker.internal.serialization.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonSerializerTest {
    private static final String TOKENS = "[]{}\",:0-e.\\tfn";
    private final JsonSerializer json = new JsonSerializer();

    private String encode(Object v) {
        return new String(json.serialize(v), StandardCharsets.UTF_8);
    }

    private Object decode(String s) {
        return json.deserialize(s.getBytes(StandardCharsets.UTF_8));
    }

    enum Color { DARK_RED, BLUE }

    record Event(String name, Instant createdAt, Color color, Optional<String> note) {
    }

    @Test
    void contentType() {
        assertThat(json.contentType()).isEqualTo(ContentType.JSON);
    }

    @Test
    void encodesTheDataModelLikeCheshire() {
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(Keyword.of("my.ns/k"), 1);
        keys.put(Symbol.of("s"), 2);
        keys.put(7L, 3);
        keys.put(null, 4);
        keys.put('c', 5);
        assertThat(encode(keys)).isEqualTo("{\"my.ns/k\":1,\"s\":2,\"7\":3,\"\":4,\"c\":5}");
        assertThat(encode(List.of(Keyword.of("a"), Symbol.of("x.y", "z"), 'q', UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab"))))
                .isEqualTo("[\"a\",\"x.y/z\",\"q\",\"5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab\"]");
        assertThat(encode(Instant.parse("2020-01-02T03:04:05.678Z"))).isEqualTo("\"2020-01-02T03:04:05Z\"");
        assertThat(encode(Date.from(Instant.parse("2020-01-02T03:04:05.678Z")))).isEqualTo("\"2020-01-02T03:04:05Z\"");
        assertThat(encode(Ratio.of(1, 4))).isEqualTo("0.25");
        assertThat(encode(new BigDecimal("3.14159265358979323846"))).isEqualTo("3.14159265358979323846");
        assertThat(encode(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(encode(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN)))
                .isEqualTo("[\"Infinity\",\"-Infinity\",\"NaN\"]");
        assertThat(encode(new LinkedHashSet<>(List.of(3L, 1L)))).isEqualTo("[3,1]");
        assertThat(encode(new long[] {1, 2})).isEqualTo("[1,2]");
        assertThat(encode(new Object[] {"a", null})).isEqualTo("[\"a\",null]");
        assertThat(encode(new byte[] {1, 2, 3})).isEqualTo("\"AQID\"");
        assertThat(encode(1.5f)).isEqualTo("1.5");
        assertThat(encode((short) 3)).isEqualTo("3");
        assertThat(encode(null)).isEqualTo("null");
        assertThat(encode("é😀\n\"")).isEqualTo("\"é😀\\n\\\"\"");
    }

    @Test
    void encodesJavaTypesThroughJavaData() {
        Event e = new Event("x", Instant.parse("2020-01-02T03:04:05Z"), Color.DARK_RED, Optional.empty());
        assertThat(encode(e)).isEqualTo("{\"name\":\"x\",\"created-at\":\"2020-01-02T03:04:05Z\",\"color\":\"dark-red\",\"note\":null}");
        assertThat(encode(Optional.of(3))).isEqualTo("3");
        assertThatThrownBy(() -> json.serialize(new Object())).isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void decodesLikeCheshire() {
        Object v = decode("[{\"1\":1,\"a\":[1.5,\"s\",true,false,null,{}]}, 99999999999999999999]");
        assertThat(v).isInstanceOf(ClojureList.class);
        List<?> list = (List<?>) v;
        @SuppressWarnings("unchecked") Map<Object, Object> m = (Map<Object, Object>) list.get(0);
        assertThat(m).isInstanceOf(LinkedHashMap.class).containsOnlyKeys((Object) Keyword.of("1"), Keyword.of("a"));
        assertThat(m.keySet().iterator().next()).isSameAs(Keyword.of("1"));
        assertThat(m.get(Keyword.of("1"))).isEqualTo(1L);
        assertThat(m.get(Keyword.of("a"))).isInstanceOf(ArrayList.class)
                .isEqualTo(java.util.Arrays.asList(1.5, "s", true, false, null, Map.of()));
        assertThat(list.get(1)).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(decode("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(decode("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
        assertThat(decode("1e2")).isEqualTo(100.0);
        assertThat(decode(" ")).isNull();
        assertThat(decode("")).isNull();
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("[1,", "{\"a\"}", "[1] 2", "nul", "{\"a\":1,}", "[NaN]", "\"unterminated", "}", "[1]]", "\u0000")) {
            assertThatThrownBy(() -> decode(bad)).as(bad).isInstanceOf(SerializationException.class);
        }
        assertThatThrownBy(() -> json.deserialize(new byte[] {'"', (byte) 0xC3, '"'}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void limitsNestingBothWays() {
        assertThat(decode("[".repeat(512) + "]".repeat(512))).isInstanceOf(ClojureList.class);
        assertThatThrownBy(() -> decode("[".repeat(513) + "]".repeat(513))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> decode("{\"a\":".repeat(600) + "1" + "}".repeat(600))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> decode("[".repeat(100_000))).isInstanceOf(SerializationException.class);

        Object deep = List.of();
        for (int i = 1; i < 512; i++) {
            deep = List.of(deep);
        }
        assertThat(json.serialize(deep)).hasSize(1024);
        Object tooDeep = List.of(deep);
        assertThatThrownBy(() -> json.serialize(tooDeep)).isInstanceOf(SerializationException.class);
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> json.serialize(cyclic)).isInstanceOf(SerializationException.class);
        assertThat(new JsonSerializer(3).deserialize("[[[1]]]".getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThatThrownBy(() -> new JsonSerializer(3).deserialize("[[[[1]]]]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void roundTrips() {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("s"), "h\u00e9llo \u65e5\u672c \ud83d\ude00 \t\u0001");
        m.put(Keyword.of("n"), List.of(1L, -2L, 3.25, Long.MIN_VALUE, new BigInteger("18446744073709551616")));
        m.put(Keyword.of("nested"), Map.of(Keyword.of("x"), List.of(Map.of())));
        Object back = json.deserialize(json.serialize(m));
        assertThat(back).isEqualTo(m);
    }

    @Test
    void fuzzedBytesOnlyEverFailWithSerializationException() {
        Random random = new Random(42);
        List<byte[]> seeds = new ArrayList<>();
        for (String s : List.of("[{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":null}},true,-12e3,\"\\u00e9\\n\"]", "{\"k\":[[],{}]}", "[1,2,3]")) {
            seeds.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int failures = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] data;
            if (i % 4 == 0) {
                data = new byte[random.nextInt(40)];
                random.nextBytes(data);
            } else {
                data = seeds.get(random.nextInt(seeds.size())).clone();
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    int pos = random.nextInt(data.length);
                    switch (random.nextInt(3)) {
                        case 0 -> data[pos] = (byte) random.nextInt(256);
                        case 1 -> data = java.util.Arrays.copyOf(data, pos);
                        default -> data[pos] = (byte) TOKENS.charAt(random.nextInt(TOKENS.length()));
                    }
                    if (data.length == 0) {
                        break;
                    }
                }
            }
            try {
                json.deserialize(data);
            } catch (SerializationException expected) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(5_000);
    }
}
