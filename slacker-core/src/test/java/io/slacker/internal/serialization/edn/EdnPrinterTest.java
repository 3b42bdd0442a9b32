package io.slacker.internal.serialization.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.ClojureOracle;
import io.slacker.testkit.ValueGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EdnPrinterTest {
    private final EdnPrinter printer = EdnPrinter.standard();

    private String pr(Object v) {
        return printer.print(v);
    }

    /** Clojure's pr-str of the value our bridge turns this into. */
    private static String clj(Object v) {
        return ClojureOracle.prStr(ClojureOracle.toClojure(v));
    }

    @Test
    void scalarsAsClojurePrintsThem() {
        assertThat(pr(null)).isEqualTo("nil");
        assertThat(pr(true)).isEqualTo("true");
        assertThat(pr(42L)).isEqualTo("42");
        assertThat(pr(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(pr(7)).isEqualTo("7");
        assertThat(pr((short) -3)).isEqualTo("-3");
        assertThat(pr((byte) 5)).isEqualTo("5");
        assertThat(pr(BigInteger.valueOf(7))).isEqualTo("7N");
        assertThat(pr(new BigDecimal("1.50"))).isEqualTo("1.50M");
        assertThat(pr(new BigDecimal("1E+3"))).isEqualTo("1E+3M");
        assertThat(pr(Ratio.of(-1, 3))).isEqualTo("-1/3");
        assertThat(pr(Ratio.of(4, 2))).isEqualTo("2/1");
        assertThat(EdnReader.standard().read(pr(Ratio.of(4, 2)))).isEqualTo(2L);
        for (double d : new double[] {1.5, 1.0E10, 1.0E-5, -0.0, 1e21, 123456789.0, Double.MIN_VALUE}) {
            assertThat(pr(d)).isEqualTo(clj(d));
        }
        assertThat(pr(Double.POSITIVE_INFINITY)).isEqualTo("##Inf");
        assertThat(pr(Double.NEGATIVE_INFINITY)).isEqualTo("##-Inf");
        assertThat(pr(Double.NaN)).isEqualTo("##NaN");
        assertThat(pr(1.1f)).isEqualTo(ClojureOracle.prStr(1.1f)).isEqualTo("1.1");
        assertThat(pr(Float.NEGATIVE_INFINITY)).isEqualTo("##-Inf");
        assertThat(pr(Keyword.of("my.ns/bar"))).isEqualTo(":my.ns/bar");
        assertThat(pr(Symbol.of("my.ns/qux"))).isEqualTo("my.ns/qux");
        assertThat(pr(UUID.fromString("5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab")))
                .isEqualTo("#uuid \"5f0c7f8e-3b7a-4d1e-9f2a-0123456789ab\"");
    }

    @Test
    void stringsAndCharacters() {
        String s = "quote\" backslash\\ newline\n tab\t cr\r ff\f bs\b nul\u0000 bell\u0007 é 日本語 😀 \u2028";
        assertThat(pr(s)).isEqualTo(clj(s));
        assertThat(pr(s)).isEqualTo("\"quote\\\" backslash\\\\ newline\\n tab\\t cr\\r ff\\f bs\\b nul\u0000 bell\u0007 é 日本語 😀 \u2028\"");
        for (char c : new char[] {'a', '\n', ' ', '\t', '\b', '\f', '\r', 'é', '\u0000', '"', '\\', '(', ',', '\u2028', 'u', 'o'}) {
            assertThat(pr(c)).as("char %04x", (int) c).isEqualTo(clj(c));
            assertThat(EdnReader.standard().read("[" + pr(c) + "]")).isEqualTo(List.of(c));
        }
        // unpaired surrogates: Java's UTF-8 encoder (and so Clojure's output) writes '?'
        assertThat(printer.printUtf8("a\uD800b")).isEqualTo("\"a?b\"".getBytes(StandardCharsets.UTF_8));
        assertThat(printer.printUtf8('\uDC00')).isEqualTo("\\?".getBytes(StandardCharsets.UTF_8));
        assertThat(printer.printUtf8("😀")).isEqualTo("\"😀\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void collections() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("a"), 1L);
        m.put(Keyword.of("b"), List.of(1L, "two"));
        assertThat(pr(m)).isEqualTo("{:a 1, :b [1 \"two\"]}").isEqualTo(clj(m));
        assertThat(pr(ClojureList.of(1L, 2L))).isEqualTo("(1 2)");
        assertThat(pr(new LinkedList<>(List.of(1L, 2L)))).isEqualTo("[1 2]");
        assertThat(pr(new ArrayDeque<>(List.of(1L, 2L)))).isEqualTo("[1 2]");
        assertThat(pr(new LinkedHashSet<>(List.of(1L)))).isEqualTo("#{1}");
        assertThat(pr(List.of())).isEqualTo("[]");
        assertThat(pr(Map.of())).isEqualTo("{}");
        assertThat(pr(ClojureList.empty())).isEqualTo("()");
        assertThat(pr(new AbstractMap.SimpleEntry<>(Keyword.of("k"), 1L))).isEqualTo("[:k 1]");
    }

    @Test
    void arrays() {
        assertThat(pr(new Object[] {1L, "a", null})).isEqualTo("[1 \"a\" nil]");
        assertThat(pr(new int[] {1, -2})).isEqualTo("[1 -2]");
        assertThat(pr(new long[] {Long.MAX_VALUE})).isEqualTo("[9223372036854775807]");
        assertThat(pr(new byte[] {-1, 2})).isEqualTo("[-1 2]");
        assertThat(pr(new short[] {3})).isEqualTo("[3]");
        assertThat(pr(new double[] {1.5, Double.NaN})).isEqualTo("[1.5 ##NaN]");
        assertThat(pr(new float[] {2.5f})).isEqualTo("[2.5]");
        assertThat(pr(new char[] {'a', ' '})).isEqualTo("[\\a \\space]");
        assertThat(pr(new boolean[] {true, false})).isEqualTo("[true false]");
        assertThat(pr(new String[0])).isEqualTo("[]");
    }

    @Test
    void instants() {
        Instant i = Instant.parse("2020-01-02T03:04:05.678Z");
        assertThat(pr(i)).isEqualTo("#inst \"2020-01-02T03:04:05.678-00:00\"").isEqualTo(clj(i));
        assertThat(pr(Date.from(i))).isEqualTo(pr(i));
        // sub-millisecond: the nearest millisecond (Clojure's reader keeps milliseconds only)
        assertThat(pr(Instant.parse("2020-01-02T03:04:05.678499999Z"))).isEqualTo("#inst \"2020-01-02T03:04:05.678-00:00\"");
        assertThat(pr(Instant.parse("2020-01-02T03:04:05.6785Z"))).isEqualTo("#inst \"2020-01-02T03:04:05.679-00:00\"");
        assertThat(pr(Instant.parse("2020-12-31T23:59:59.9999Z"))).isEqualTo("#inst \"2021-01-01T00:00:00.000-00:00\"");
        // before 1970, before the Gregorian cutover, and the ends of the 4-digit years: as Clojure prints a Date
        for (long ms : new long[] {-1L, -86_400_001L, -12219292800001L, -12219292800000L, ValueGenerator.MIN_INST_MILLIS,
                ValueGenerator.MAX_INST_MILLIS, 253402300800000L, -62167219200000L}) {
            Instant x = Instant.ofEpochMilli(ms);
            assertThat(pr(x)).as("%d", ms).isEqualTo(clj(x));
        }
        assertThatThrownBy(() -> pr(Instant.MAX)).isInstanceOf(SerializationException.class);
    }

    enum Color { DARK_RED }

    record Point(long x, String label) { }

    @Test
    void otherTypesGoThroughJavaData() {
        assertThat(pr(Color.DARK_RED)).isEqualTo(":dark-red");
        assertThat(pr(new Point(1, "p"))).isEqualTo("{:x 1, :label \"p\"}");
        assertThat(pr(List.of(new Point(2, "q")))).isEqualTo("[{:x 2, :label \"q\"}]");
        assertThatThrownBy(() -> pr(new Object())).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> pr(Map.of("k", new Thread()))).isInstanceOf(SerializationException.class);
    }

    @Test
    void depthLimitStopsCycles() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> pr(cyclic)).isInstanceOf(SerializationException.class).hasMessageContaining("cyclic");
        Object deep = 1L;
        for (int i = 0; i < 512; i++) {
            deep = List.of(deep);
        }
        assertThat(pr(deep)).startsWith("[[[");
        Object tooDeep = List.of(deep);
        assertThatThrownBy(() -> pr(tooDeep)).isInstanceOf(SerializationException.class);
        assertThat(EdnPrinter.withMaxDepth(2000).print(tooDeep)).endsWith("]]]");
    }

    /** Clojure's string escapes, then Java's UTF-8 encoder (which writes a lone surrogate as '?'). */
    private static byte[] expectedLiteral(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case '\b' -> sb.append("\\b");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyCharacterOfStringsKeywordsAndSymbolsComesOutAsUtf8() {
        StringBuilder alphabet = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            alphabet.append(c);
        }
        alphabet.append("\u00e9\u0085\u00ff\u0100\u2028\u20ac\ud800\udc00\ud83d\ude00");
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 5_000; i++) {
            int n = i % 100 == 0 ? random.nextInt(5_000) : random.nextInt(40);
            StringBuilder sb = new StringBuilder(n);
            for (int k = 0; k < n; k++) {
                // mostly plain ASCII runs, as real strings have
                sb.append(random.nextInt(4) > 0 ? (char) ('a' + random.nextInt(26)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(printer.printUtf8(s)).as("string #%d", i).isEqualTo(expectedLiteral(s));
            assertThat(printer.printUtf8(Keyword.of("k" + s))).as("keyword #%d", i)
                    .isEqualTo((":k" + s).getBytes(StandardCharsets.UTF_8));
            assertThat(printer.printUtf8(List.of(Symbol.of("s" + s), s))).as("symbol #%d", i)
                    .isEqualTo(("[s" + s + " " + new String(expectedLiteral(s), StandardCharsets.UTF_8) + "]")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }
}
