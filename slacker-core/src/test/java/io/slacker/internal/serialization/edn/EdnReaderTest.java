package io.slacker.internal.serialization.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.ClojureOracle;
import io.slacker.testkit.DataEquality;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EdnReaderTest {
    private final EdnReader reader = EdnReader.standard();

    private Object read(String s) {
        return reader.read(s);
    }

    @Test
    void scalars() {
        assertThat(read("nil")).isNull();
        assertThat(read("true")).isEqualTo(true);
        assertThat(read("false")).isEqualTo(false);
        assertThat(read("42")).isEqualTo(42L);
        assertThat(read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(read("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(read("7N")).isEqualTo(BigInteger.valueOf(7));
        assertThat(read("0x1F")).isEqualTo(31L);
        assertThat(read("-0x10")).isEqualTo(-16L);
        assertThat(read("0x1FN")).isEqualTo(BigInteger.valueOf(31));
        assertThat(read("2r101")).isEqualTo(5L);
        assertThat(read("36rZZ")).isEqualTo(1295L);
        assertThat(read("017")).isEqualTo(15L);
        assertThat(read("1.5")).isEqualTo(1.5);
        assertThat(read("1e3")).isEqualTo(1000.0);
        assertThat(read("1.")).isEqualTo(1.0);
        assertThat(read("##Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(read("##-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) read("##NaN")).isNaN();
        assertThat(read("1.50M")).isEqualTo(new BigDecimal("1.50"));
        assertThat(read("1e5M")).isEqualTo(new BigDecimal("1E+5"));
        assertThat(read("1/3")).isEqualTo(Ratio.of(1, 3));
        assertThat(read("+5/10")).isEqualTo(Ratio.of(1, 2));
        assertThat(read("4/2")).isEqualTo(2L);
        assertThat(read("200000000000000000000/2")).isEqualTo(new BigInteger("100000000000000000000"));
        assertThat(read("\"a\\tb\\u00e9\\101\"")).isEqualTo("a\tbéA");
        assertThat(read("\\a")).isEqualTo('a');
        assertThat(read("\\newline")).isEqualTo('\n');
        assertThat(read("\\u00e9")).isEqualTo('é');
        assertThat(read("\\o101")).isEqualTo('A');
        assertThat(read("\\é")).isEqualTo('é');
        assertThat(read(":foo")).isSameAs(Keyword.of("foo"));
        assertThat(read(":my.ns/bar")).isSameAs(Keyword.of("my.ns", "bar"));
        assertThat(read("my.ns/qux")).isEqualTo(Symbol.of("my.ns", "qux"));
        assertThat(read("#inst \"2020-01-02T03:04:05.678-00:00\"")).isEqualTo(Instant.parse("2020-01-02T03:04:05.678Z"));
        assertThat(read("#uuid \"5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab\""))
                .isEqualTo(UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab"));
    }

    @Test
    void instForms() {
        assertThat(read("#inst \"2020\"")).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(read("#inst \"2020-02-29\"")).isEqualTo(Instant.parse("2020-02-29T00:00:00Z"));
        assertThat(read("#inst \"2020-01-01T10:00\"")).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(read("#inst \"2020-01-01T10:00:00Z\"")).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(read("#inst \"2020-01-01T10:00:00.123456789+01:30\"")).isEqualTo(Instant.parse("2020-01-01T08:30:00.123Z"));
        assertThat(read("#inst \"2020-01-01T10:00:00.1-00:00\"")).isEqualTo(Instant.parse("2020-01-01T10:00:00.100Z"));
        assertThat(read("#inst \"2020-12-31T23:59:60Z\"")).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        for (String bad : new String[] {"2020-13-01", "2021-02-29", "2020-01-01T24:00", "2020-01-01T23:58:60",
                "2020-01-01t10:00", "20", "2020-01-01T10:00:00+1:00", ""}) {
            assertThatThrownBy(() -> read("#inst \"" + bad + "\"")).as(bad).isInstanceOf(SerializationException.class);
        }
        assertThatThrownBy(() -> read("#inst 5")).isInstanceOf(SerializationException.class);
    }

    @Test
    void collections() {
        Object list = read("(1 2 3)");
        assertThat(list).isInstanceOf(ClojureList.class).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(read("()")).isInstanceOf(ClojureList.class);
        assertThat(read("[1, 2 3]")).isInstanceOf(ArrayList.class).isEqualTo(List.of(1L, 2L, 3L));
        Object map = read("{:b 1, :a 2 :c 3}");
        assertThat(map).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) map).keySet())).containsExactly(Keyword.of("b"), Keyword.of("a"), Keyword.of("c"));
        Object set = read("#{3 1 2}");
        assertThat(set).isInstanceOf(LinkedHashSet.class);
        assertThat(new ArrayList<Object>((java.util.Set<?>) set)).containsExactly(3L, 1L, 2L);
        assertThat(read("#:foo{:a 1 :_/b 2 c 3 :x/d 4}")).isEqualTo(Map.of(Keyword.of("foo/a"), 1L, Keyword.of("b"), 2L,
                Symbol.of("foo/c"), 3L, Keyword.of("x/d"), 4L));
        assertThat(read("[1 #_ 2 ;comment\n 3 #_#_ 4 5]")).isEqualTo(List.of(1L, 3L));
        assertThat(read("^:meta [1]")).isEqualTo(List.of(1L));
        assertThat(read("^{:a 1} sym")).isEqualTo(Symbol.of("sym"));
    }

    @Test
    void emptyInputIsNil() {
        assertThat(read("")).isNull();
        assertThat(read("  , \n")).isNull();
        assertThat(read("; only a comment")).isNull();
        assertThat(read("#_ 1")).isNull();
        assertThat(reader.read(new byte[0])).isNull();
        assertThat(read(" 42 ; trailing comment\n #_ discarded ")).isEqualTo(42L);
    }

    @Test
    void tagHandlers() {
        assertThatThrownBy(() -> read("#my/point [1 2]"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("#my/point").hasMessageContaining("offset 0");
        EdnReader custom = EdnReader.builder()
                .tag("my/point", (tag, form) -> Map.of("point", form))
                .tag("inst", (tag, form) -> "overridden " + form)
                .build();
        assertThat(custom.read("[#my/point [1 2]]")).isEqualTo(List.of(Map.of("point", List.of(1L, 2L))));
        assertThat(custom.read("#inst \"2020\"")).isEqualTo("overridden 2020");
        assertThatThrownBy(() -> custom.read("#other 1")).isInstanceOf(SerializationException.class).hasMessageContaining("#other");
        EdnReader keep = EdnReader.builder().defaultTagHandler(TagHandler.KEEP).build();
        Object kept = keep.read("#object[\"x\" 1]");
        assertThat(kept).isEqualTo(new TaggedLiteral(Symbol.of("object"), List.of("x", 1L)));
        assertThat(EdnPrinter.standard().print(kept)).isEqualTo("#object [\"x\" 1]");
        EdnReader failing = EdnReader.builder().tag("boom", (tag, form) -> {
            throw new IllegalStateException("no");
        }).build();
        assertThatThrownBy(() -> failing.read("#boom 1")).isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedInput() {
        String[] bad = {
            "(1 2", "[1 2", "{:a 1", "#{1", "\"abc", "\"abc\\", "\\", "#", "1 2", "[1] x", "1)", ")", "]", "}",
            "{:a}", "{:a 1 :a 2}", "#{1 1}", "#{1 1N}", "{0.0 1 -0.0 2}", "#{1.0M 1.00M}", "#{[1] (1)}",
            "09", "1/0", "37r1", "2r102", "1e", "1.5N", "::a", "a:", ":a:", "a/", "//", "@a", "a@", "\\ab", "\\u12",
            "\\uD800", "\\o400", "\"\\x\"", "\"\\u00e\"", "\"\\08\"", "\"\\400\"", "#<foo>", "#!x", "#_", "[1 #_]",
            "##Foo", "##1", "#:a/b{}", "#:a[]", "#:a{:b}", "^1 [1]", "^:a 1", "#uuid \"nope\"", "#uuid 1", "#nil 1",
            "#inst \"2020-02-30\"", "#foo", "\uFEFF[1]",
        };
        for (String s : bad) {
            assertThatThrownBy(() -> read(s)).as(s).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("offset");
        }
    }

    @Test
    void errorMessagesSayWhereAndWhat() {
        assertThatThrownBy(() -> read("[1 2 {:a 1 :a 2}]")).hasMessageContaining("duplicate map key :a").hasMessageContaining("offset 5");
        assertThatThrownBy(() -> read("[1 2")).hasMessageContaining("vector").hasMessageContaining("offset 0");
        assertThatThrownBy(() -> read("1 2")).hasMessageContaining("after the top-level value at offset 2");
        assertThatThrownBy(() -> reader.read(new byte[] {'[', '"', (byte) 0xC3, '"', ']'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("UTF-8 at byte offset 2");
        assertThat(reader.read("\"\uFFFD\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("\uFFFD");
    }

    @Test
    void depthLimit() {
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> read(deep)).isInstanceOf(SerializationException.class).hasMessageContaining("deeper than 512");
        assertThat(read("[".repeat(512) + "]".repeat(512))).isInstanceOf(List.class);
        assertThatThrownBy(() -> read("[".repeat(513) + "]".repeat(513))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("#_".repeat(100_000) + "1")).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("^:a ".repeat(100_000) + "[]")).isInstanceOf(SerializationException.class);
        EdnReader shallow = EdnReader.builder().maxDepth(2).build();
        assertThat(shallow.read("[[1]]")).isEqualTo(List.of(List.of(1L)));
        assertThatThrownBy(() -> shallow.read("[[[1]]]")).isInstanceOf(SerializationException.class);
        // a huge configured limit still ends in a SerializationException, not a StackOverflowError
        EdnReader unlimited = EdnReader.builder().maxDepth(Integer.MAX_VALUE).build();
        assertThatThrownBy(() -> unlimited.read("[".repeat(2_000_000))).isInstanceOf(SerializationException.class);
    }

    /** Inputs at the edges of the grammar, compared with Clojure's reader (one top-level value). */
    @Test
    void edgeCasesAgreeWithClojure() {
        String[] cases = {
            ":1", "a//", ":a//", "a/b/c", ":/", "/", "//", "a/", ".5", "-.5", "+a", "'a", "a'", "a#b", "a:b",
            "#_ 1", "^:foo [1]", "^:foo 1", "#: foo {:a 1}", "## Inf", "#inst \"1500-02-29\"", "#inst \"1582-10-10\"",
            "#inst \"0000-01-01\"", "#inst \"1000-06-15T12:00:00+05:00\"", "#inst \"1582-10-15T00:00:00Z\"",
            "#inst \"1582-10-14T23:00:00-02:00\"", "#uuid \"1-2-3-4-5\"", "00", "00N", "0N", "-0", "-0N", "08", "0x",
            "0xN", "36rZN", "2rN", "1r0", "10r19", "-2r101", "1/2N", "0/5", "-0/3", "0/0", "01.5", "00.5", "1.e5", "1E+5",
            "1e+5M", "1.5e-3", "+1.5", "\\o", "\\u", "\\ ", "\\,", "\\(", "\\\\", "\\\"", "\\u٣٣٣٣", "\"\\u٣٣٣٣\"", "\"\\٣\"",
            "\"\\1 x\"", "\"\\12\"", "\"\\0a\"", "\"\\7\"", "\\o7", "\\o377", "\\u00", "\\uFFFF", "\\😀", "٣", "-٣", "#日 1", "#:a{}",
            "#:a{:b 1 :b 2}", "#:a{:b 1 :a/b 2}", "##NaN", "#{##NaN ##NaN}", "[##NaN ##NaN]", "{[1] 1 (1) 2}",
            "{1 1 2 2 3 3 4 4 5 5 6 6 7 7 8 8 9 9 1.0M 1 1.00M 2}", "#{0M 0.000M}", "#{1 1.0}", "#{1 1/1}",
            "#{\\a \"a\"}", "{nil 1 false 2}", "#{nil}", "[1 2,3,,,]", "(((())))", "a\u0085/b", "a/\u0085b", "\u0085",
            "^\"tag\" sym", "^{:a 1 :a 2} sym", "#^:a [1]", "#:a{b 1 _/c 2}", "#{#{1} #{1}}", "[\\a\\b]", "\\a;x",
            "\"\\u0041\\u00\"", ":a/b:c", ":a/:b", ":a:/b", "a/b/", "\\uD83D", "#inst \"2020-01:00\"",
            "#inst \"2020-06-30T23:59:60+00:00\"", "1N/2", "-1/2", "--1", "+-1", "1+", "1-1", "1.2.3", "1e1e1",
        };
        int bothRead = 0;
        int bothRejected = 0;
        for (String s : cases) {
            Object oracle;
            try {
                oracle = ClojureOracle.readSingle(s);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> read(s)).as("Clojure rejects %s (%s)", s, e.getMessage())
                        .isInstanceOf(SerializationException.class);
                bothRejected++;
                continue;
            }
            Object ours;
            try {
                ours = read(s);
            } catch (SerializationException e) {
                throw new AssertionError("Clojure reads " + s + " as " + ClojureOracle.prStr(oracle) + ", we fail: " + e.getMessage(), e);
            }
            assertThat(DataEquality.diff(ClojureOracle.toData(oracle), ours)).as(s).isNull();
            bothRead++;
        }
        assertThat(bothRead).isGreaterThan(50);
        assertThat(bothRejected).isGreaterThan(30);
    }

    /** Random strings over the characters that matter to the grammar, compared with Clojure. */
    @Test
    void randomTextAgreesWithClojure() {
        String alphabet = "()[]{}#\"\\;^:/_,. \n01289abexrMN+-'@~`é٣😀uo!?*=<>";
        int[] cps = alphabet.codePoints().toArray();
        Random rnd = new Random(99);
        int read = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(10);
            for (int j = 0; j < n; j++) {
                sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
            }
            String s = sb.toString();
            Object oracle;
            try {
                oracle = ClojureOracle.readSingle(s);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> read(s)).as("Clojure rejects %s (%s)", s, e.getMessage())
                        .isInstanceOf(SerializationException.class);
                rejected++;
                continue;
            }
            Object ours;
            try {
                ours = read(s);
            } catch (SerializationException e) {
                throw new AssertionError("Clojure reads [" + s + "] as " + ClojureOracle.prStr(oracle) + ", we fail: " + e.getMessage(), e);
            }
            assertThat(DataEquality.diff(ClojureOracle.toData(oracle), ours)).as(s).isNull();
            read++;
        }
        System.out.println("random EDN-ish text: " + read + " read alike, " + rejected + " rejected alike");
        assertThat(read).isGreaterThan(1000);
        assertThat(rejected).isGreaterThan(1000);
    }

    @Test
    void randomBytesOnlyEverThrowSerializationException() {
        Random rnd = new Random(12345);
        byte[] structural = "()[]{}#\"\\;^:/_ 019eMNx".getBytes(StandardCharsets.US_ASCII);
        int failures = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int j = 0; j < b.length; j++) {
                b[j] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : structural[rnd.nextInt(structural.length)];
            }
            try {
                reader.read(b);
            } catch (SerializationException e) {
                failures++;
                Throwable cause = e.getCause();
                assertThat(cause == null || cause instanceof IllegalArgumentException)
                        .as("unexpected cause %s for %s", cause, new String(b, StandardCharsets.ISO_8859_1)).isTrue();
            }
        }
        assertThat(failures).isGreaterThan(10_000);
    }

    @Test
    void keywordsReadAgainAreTheSameAndBadTokensStayBad() {
        // the second reading of each comes from the reader's keyword cache
        for (int round = 0; round < 2; round++) {
            assertThat(read("[:kw-cache/a :kw-cache-ab :kw-cache-abc]")).isEqualTo(List.of(Keyword.of("kw-cache/a"),
                Keyword.of("kw-cache-ab"), Keyword.of("kw-cache-abc")));
            assertThat(read("{:kw-cache-k 1}")).isEqualTo(Map.of(Keyword.of("kw-cache-k"), 1L));
            assertThat(read(":kw-cache-abc")).isSameAs(Keyword.of("kw-cache-abc"));
            // a token that merely starts like a cached keyword is read on its own
            assertThat(read(":kw-cache-abcd")).isEqualTo(Keyword.of("kw-cache-abcd"));
            assertThatThrownBy(() -> read(":kw-cache-x:")).isInstanceOf(SerializationException.class);
            assertThatThrownBy(() -> read(":kw::cache")).isInstanceOf(SerializationException.class);
        }
    }
}
