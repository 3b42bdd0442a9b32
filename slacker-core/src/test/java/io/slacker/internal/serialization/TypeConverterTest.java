package io.slacker.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.json.JsonSerializer;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class TypeConverterTest {
    private final TypeConverter tc = TypeConverter.standard();

    enum Color { DARK_RED, BLUE }

    record Item(String name, long count) {
    }

    record Order(long id, Instant createdAt, Color color, List<Item> items, Map<String, Long> totals,
                 Optional<String> note, Keyword status, Object extra) {
    }

    /** A bean with setters. */
    public static class Person {
        private String fullName;
        private int age;
        private Color favourite;

        public String getFullName() {
            return fullName;
        }

        public void setFullName(String fullName) {
            this.fullName = fullName;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public Color getFavourite() {
            return favourite;
        }

        public void setFavourite(Color favourite) {
            this.favourite = favourite;
        }
    }

    /** Declares the generic types used below. */
    @SuppressWarnings("unused")
    interface Signatures {
        List<Item> items();

        Map<String, Long> totals();

        Set<Keyword> keywords();

        Collection<Integer> ints();

        Optional<Item> maybeItem();

        Map<Color, List<Long>> byColor();

        List<? extends Number> numbers();

        List<Map<Keyword, Object>> rows();

        Map<Keyword, Long> keywordKeys();

        List<Object> objects();

        int[] intArray();

        Item[] itemArray();
    }

    private static Type type(String method) {
        for (Method m : Signatures.class.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                return m.getGenericReturnType();
            }
        }
        throw new IllegalArgumentException(method);
    }

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Keyword kw(String s) {
        return Keyword.of(s);
    }

    @Test
    void primitivesAndBoxes() {
        assertThat(tc.convert(42L, int.class)).isEqualTo(42);
        assertThat(tc.convert(42L, Integer.class)).isEqualTo(42);
        assertThat(tc.convert(42L, short.class)).isEqualTo((short) 42);
        assertThat(tc.convert(42L, double.class)).isEqualTo(42.0);
        assertThat(tc.convert(1.5, float.class)).isEqualTo(1.5f);
        assertThat(tc.convert(true, boolean.class)).isTrue();
        assertThat(tc.convert(7L, long.class)).isEqualTo(7L);
        assertThat(tc.convert("a", char.class)).isEqualTo('a');
        assertThat(tc.convert('a', Character.class)).isEqualTo('a');
        assertThat(tc.convert(new BigInteger("12"), long.class)).isEqualTo(12L);
        assertThat(tc.convert(null, Integer.class)).isNull();
        assertThatThrownBy(() -> tc.convert(1L << 40, int.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Long").hasMessageContaining("int");
        assertThatThrownBy(() -> tc.convert(null, int.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nil").hasMessageContaining("int");
        assertThatThrownBy(() -> tc.convert(1.5, long.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tc.convert("abc", int.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String").hasMessageContaining("int");
        assertThatThrownBy(() -> tc.convert(new BigInteger("99999999999999999999"), long.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsKeywordsSymbols() {
        assertThat(tc.convert(kw("my.ns/bar"), String.class)).isEqualTo("my.ns/bar");
        assertThat(tc.convert(Symbol.of("a.b", "c"), String.class)).isEqualTo("a.b/c");
        assertThat(tc.convert("x", String.class)).isEqualTo("x");
        assertThat(tc.convert(12L, String.class)).isEqualTo("12");
        assertThat(tc.convert("foo", Keyword.class)).isSameAs(kw("foo"));
        assertThat(tc.convert(kw("foo"), Keyword.class)).isSameAs(kw("foo"));
        assertThat(tc.convert("x/y", Symbol.class)).isEqualTo(Symbol.of("x", "y"));
        Object k = kw("k");
        assertThat(tc.convert(k, Object.class)).isSameAs(k);
        assertThatThrownBy(() -> tc.convert(map(kw("a"), 1L), String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkedHashMap").hasMessageContaining("java.lang.String");
    }

    @Test
    void enums() {
        assertThat(tc.convert(kw("dark-red"), Color.class)).isEqualTo(Color.DARK_RED);
        assertThat(tc.convert("DARK_RED", Color.class)).isEqualTo(Color.DARK_RED);
        assertThat(tc.convert("Blue", Color.class)).isEqualTo(Color.BLUE);
        assertThat(tc.convert(Color.BLUE, Color.class)).isEqualTo(Color.BLUE);
        assertThatThrownBy(() -> tc.convert(kw("green"), Color.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Keyword").hasMessageContaining("Color");
    }

    @Test
    void collectionsMapsArraysAndGenerics() {
        assertThat(tc.convert(List.of(map(kw("name"), "a", kw("count"), 2L)), type("items")))
                .isEqualTo(List.of(new Item("a", 2)));
        assertThat(tc.convert(map(kw("a"), 1L, kw("my.ns/b"), 2L), type("totals")))
                .isEqualTo(Map.of("a", 1L, "my.ns/b", 2L));
        assertThat(tc.convert(ClojureList.of("x", kw("y")), type("keywords"))).isEqualTo(Set.of(kw("x"), kw("y")));
        assertThat(tc.convert(List.of(1L, 2L), type("ints"))).isEqualTo(List.of(1, 2));
        assertThat(tc.convert(map(kw("dark-red"), List.of(1L)), type("byColor"))).isEqualTo(Map.of(Color.DARK_RED, List.of(1L)));
        assertThat(tc.convert(List.of(1L, 2.5), type("numbers"))).isEqualTo(List.of(1L, 2.5));
        assertThat(tc.convert(map(kw("a"), 1L), type("keywordKeys"))).isEqualTo(Map.of(kw("a"), 1L));
        assertThat(tc.convert(List.of(map(kw("a"), kw("b"))), type("rows"))).isEqualTo(List.of(Map.of(kw("a"), kw("b"))));
        assertThat(tc.convert(List.of(kw("b"), UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab")), type("objects")))
                .isEqualTo(List.of(kw("b"), UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab")));
        assertThat((int[]) tc.convert(List.of(1L, 2L), type("intArray"))).containsExactly(1, 2);
        assertThat((Item[]) tc.convert(List.of(map("name", "n", "count", 1L)), type("itemArray"))).containsExactly(new Item("n", 1));
        assertThat(tc.convert(List.of(1L), long[].class)).containsExactly(1L);
        List<Object> raw = new ArrayList<>(List.of(kw("a")));
        assertThat(tc.convert(raw, List.class)).isSameAs(raw);
        assertThat(tc.convert(List.of(3L, 3L), Set.class)).isEqualTo(Set.of(3L));
        assertThatThrownBy(() -> tc.convert(List.of(1L << 40), type("ints"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.Collection<java.lang.Integer>");
    }

    @Test
    void optionals() {
        assertThat(tc.convert(null, type("maybeItem"))).isEqualTo(Optional.empty());
        assertThat(tc.convert(map(kw("name"), "a", kw("count"), 1L), type("maybeItem"))).isEqualTo(Optional.of(new Item("a", 1)));
        assertThat(tc.convert(5L, Optional.class)).isEqualTo(Optional.of(5L));
    }

    @Test
    void recordsAndBeansFromKebabOrCamelCaseKeys() {
        Map<Object, Object> kebab = map(kw("id"), 1L, kw("created-at"), Instant.parse("2020-01-02T03:04:05Z"),
                kw("color"), kw("dark-red"), kw("items"), List.of(map(kw("name"), "x", kw("count"), 3L)),
                kw("totals"), map(kw("a"), 1L), kw("note"), "n", kw("status"), kw("open"), kw("extra"), kw("e"),
                kw("ignored-key"), "whatever");
        Order expected = new Order(1, Instant.parse("2020-01-02T03:04:05Z"), Color.DARK_RED, List.of(new Item("x", 3)),
                Map.of("a", 1L), Optional.of("n"), kw("open"), kw("e"));
        assertThat(tc.convert(kebab, Order.class)).isEqualTo(expected);
        Map<Object, Object> camel = map("id", 1L, "createdAt", "2020-01-02T03:04:05Z", "color", "DARK_RED",
                "items", List.of(map("name", "x", "count", 3L)), "totals", map("a", 1L), "note", "n", "status", "open",
                "extra", kw("e"));
        assertThat(tc.convert(camel, Order.class)).isEqualTo(expected);

        Person p = tc.convert(map(kw("full-name"), "Ann", kw("age"), 30L, kw("favourite"), kw("blue")), Person.class);
        assertThat(p.getFullName()).isEqualTo("Ann");
        assertThat(p.getAge()).isEqualTo(30);
        assertThat(p.getFavourite()).isEqualTo(Color.BLUE);
        assertThat(tc.convert(map("fullName", "Bob"), Person.class).getFullName()).isEqualTo("Bob");
        assertThatThrownBy(() -> tc.convert(map(kw("count"), "many"), Item.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkedHashMap").hasMessageContaining("Item");
    }

    @Test
    void timesUuidsAndNumbers() {
        Instant i = Instant.parse("2020-01-02T03:04:05.678Z");
        assertThat(tc.convert(i, Instant.class)).isSameAs(i);
        assertThat(tc.convert(Date.from(i), Instant.class)).isEqualTo(i);
        assertThat(tc.convert(i, Date.class)).isEqualTo(Date.from(i));
        assertThat(tc.convert("2020-01-02T03:04:05.678Z", Instant.class)).isEqualTo(i);
        assertThat(tc.convert("2020-01-02T04:04:05.678+01:00", Instant.class)).isEqualTo(i);
        assertThat(tc.convert(i.toEpochMilli(), Instant.class)).isEqualTo(i);
        assertThat(tc.convert("2020-01-02T03:04:05.678Z", Date.class)).isEqualTo(Date.from(i));
        assertThatThrownBy(() -> tc.convert("yesterday", Instant.class)).isInstanceOf(IllegalArgumentException.class);
        UUID u = UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab");
        assertThat(tc.convert(u.toString(), UUID.class)).isEqualTo(u);
        assertThat(tc.convert(u, String.class)).isEqualTo(u.toString());
        assertThat(tc.convert(3.25, BigDecimal.class)).isEqualTo(new BigDecimal("3.25"));
        assertThat(tc.convert(5L, BigInteger.class)).isEqualTo(BigInteger.valueOf(5));
        assertThat(tc.convert(Ratio.of(1, 4), double.class)).isEqualTo(0.25);
        assertThat(tc.convert(Ratio.of(1, 4), BigDecimal.class)).isEqualByComparingTo("0.25");
        assertThat(tc.convert(Ratio.of(1, 4), Object.class)).isEqualTo(Ratio.of(1, 4));
    }

    @Test
    void readsBackWhatJavaDataWrites() {
        Order o = new Order(9, Instant.parse("2021-05-06T07:08:09Z"), Color.DARK_RED, List.of(new Item("i", 2)),
                Map.of("t", 3L), Optional.empty(), kw("s"), 1L);
        Object data = JavaData.toData(o);
        assertThat(tc.convert(data, Order.class)).isEqualTo(o);
        assertThat(tc.convert(JavaData.toData(Color.DARK_RED), Color.class)).isEqualTo(Color.DARK_RED);
        // and through JSON on the wire
        JsonSerializer json = new JsonSerializer();
        Item back = tc.convert(json.deserialize(json.serialize(new Item("w", 4))), Item.class);
        assertThat(back).isEqualTo(new Item("w", 4));
        Person p = new Person();
        p.setFullName("Zed");
        p.setAge(41);
        p.setFavourite(Color.BLUE);
        Person pb = tc.convert(json.deserialize(json.serialize(p)), Person.class);
        assertThat(pb.getFullName()).isEqualTo("Zed");
        assertThat(pb.getAge()).isEqualTo(41);
        assertThat(pb.getFavourite()).isEqualTo(Color.BLUE);
    }

    @Test
    void wildcardTargetAndCaching() {
        Type wildcard = ((java.lang.reflect.ParameterizedType) type("numbers")).getActualTypeArguments()[0];
        assertThat(tc.convert(3L, wildcard)).isEqualTo(3L);
        for (int i = 0; i < 1000; i++) {
            assertThat(tc.convert(List.of(1L), type("ints"))).isEqualTo(List.of(1));
        }
    }
}
