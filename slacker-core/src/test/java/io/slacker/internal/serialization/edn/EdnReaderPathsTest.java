package io.slacker.internal.serialization.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.data.Keyword;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.ValueGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reader's two ways in: ASCII bytes are read in place, anything else (a String, or bytes
 * with non-ASCII characters) as text. Both must give the same value or the same error, and
 * collections read straight into their map or set must report errors in the order of the text.
 */
class EdnReaderPathsTest {
    private final EdnReader reader = EdnReader.standard();

    /** The outcome of reading: the value, or the error's message. */
    private record Outcome(Object value, String error) {
    }

    private Outcome outcome(Object in) {
        try {
            return new Outcome(in instanceof String s ? reader.read(s) : reader.read((byte[]) in), null);
        } catch (SerializationException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /**
     * Reads {@code text} as UTF-8 bytes and as a String (the bytes' text: a lone surrogate becomes
     * {@code ?} in UTF-8); asserts the same outcome and returns it.
     */
    private Outcome readBothWays(String original) {
        byte[] utf8 = original.getBytes(StandardCharsets.UTF_8);
        String text = new String(utf8, StandardCharsets.UTF_8);
        Outcome fromText = outcome(text);
        Outcome fromBytes = outcome(utf8);
        String shown = visible(text);
        assertThat(fromBytes.error()).as("error reading %s", shown).isEqualTo(fromText.error());
        assertThat(DataEquality.diffInOrder(fromText.value(), fromBytes.value())).as("value of %s", shown).isNull();
        return fromText;
    }

    /** The text with every character outside printable ASCII as a Java escape. */
    private static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c >= ' ' && c < 0x7F ? Character.toString(c) : String.format("\\u%04x", c)));
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    @Test
    void generatedValuesReadTheSameFromBytesAndFromText() {
        ValueGenerator gen = new ValueGenerator(1812L, ValueGenerator.Profile.EDN, 4);
        int ascii = 0;
        for (int i = 0; i < 5_000; i++) {
            Object v = gen.next();
            String text = EdnPrinter.standard().print(v);
            assertThat(DataEquality.diff(v, readBothWays(text).value())).as("value #%d %s", i, text).isNull();
            ascii += isAscii(text) ? 1 : 0;
        }
        assertThat(ascii).as("texts read in place").isBetween(500, 4_500);
    }

    @Test
    void mutatedTextFailsOrSucceedsTheSameFromBytesAndFromText() {
        ValueGenerator gen = new ValueGenerator(99L, ValueGenerator.Profile.EDN, 3);
        Random random = new Random(7);
        String pieces = "\"\\{}[]()#_:;^ ,\n0123456789-+.NM/@~`'abcnu\u00e9\u2028";
        int errors = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(EdnPrinter.standard().print(gen.next()));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(sb.length() + 1);
                char c = pieces.charAt(random.nextInt(pieces.length()));
                switch (random.nextInt(3)) {
                    case 0 -> sb.insert(at, c);
                    case 1 -> sb.replace(at, Math.min(at + 1, sb.length()), String.valueOf(c));
                    default -> sb.delete(at, Math.min(at + 1 + random.nextInt(3), sb.length()));
                }
            }
            errors += readBothWays(sb.toString()).error() != null ? 1 : 0;
        }
        assertThat(errors).as("mutations refused").isBetween(2_000, 18_000);
    }

    @Test
    void everyMalformedInputFailsTheSameFromBytes() {
        for (String s : List.of("(1 2", "{:a 1", "#{1", "\"abc", "\"abc\\", "\\", "#", "1 2", "{:a}", "09", "1/0",
                "::a", "a:", ":a:", "@a", "a@", ":a@b", "{:k~ 1}", "\\ab", "\\u12", "\"\\x\"", "\"\\u00e\"", "\"\\08\"",
                "#<foo>", "#_", "[1 #_]", "##Foo", "#:a{:b}", "^1 [1]", "#uuid \"nope\"", "#foo", "\"\\u00G1\"")) {
            assertThat(readBothWays(s).error()).as(s).contains("offset");
        }
    }

    @Test
    void bytesInTheMiddleOfAnArray() {
        byte[] b = "xx{:a \"b\"}yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(reader.read(b, 2, 8)).isEqualTo(Map.of(Keyword.of("a"), "b"));
        byte[] bad = "xx[1 2yy".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> reader.read(bad, 2, 4)).hasMessageContaining("vector starting at offset 0");
        assertThatThrownBy(() -> reader.read(bad, 2, 6)).hasMessageContaining("invalid number '2yy' at offset 3");
    }

    @Test
    void nonAsciiTextKeepsCharacterOffsets() {
        // é is two bytes: the offset counts it as one character either way
        assertThat(readBothWays("[\"\u00e9\" 1 2 ] ]").error()).contains("after the top-level value at offset 11");
        assertThat(readBothWays("{:\u00e9 1 :\u00e9 2}").error()).contains("duplicate map key :\u00e9 at offset 0");
    }

    @Test
    void escapesAndNestingFromBytes() {
        Object v = readBothWays("{:a {:b [1 \"x\\\"y\\\\n\\u00e9\\101\"]}, :c #{:d \"\"}, \"k\" (nil)}").value();
        assertThat(v).isEqualTo(Map.of(Keyword.of("a"), Map.of(Keyword.of("b"), List.of(1L, "x\"y\\n\u00e9A")),
                Keyword.of("c"), Set.of(Keyword.of("d"), ""), "k", Arrays.asList((Object) null)));
    }

    @Test
    void aDuplicateIsReportedOnlyOnceTheLiteralIsRead() {
        String[][] cases = {
            {"{:a 1 :a 2 :b}", "map literal must contain an even number of forms at offset 0"},
            {"{:a 1 :a 2 ]", "unmatched delimiter ']' at offset 11"},
            {"{:a 1 :a 2", "end of input while reading map starting at offset 0"},
            {"{:a 1 :a 2 :b ##Foo}", "unknown symbolic value ##Foo at offset 14"},
            {"{:a 1 :a 2 :c 3 :c 4}", "duplicate map key :a at offset 0"},
            {"{:a {:b 1 :b 2} :a 3}", "duplicate map key :b at offset 4"},
            {"[{1 :x 1N :y}]", "duplicate key 1 (equal to an earlier one) at offset 1"},
            {"{1 :x 1N :y :z}", "map literal must contain an even number of forms at offset 0"},
            {"#{1 2 1 3 3}", "duplicate set element 1 at offset 0"},
            {"#{1 1 )}", "unmatched delimiter ')' at offset 6"},
            {"#{1.0M 1.00M \"", "end of input while reading string starting at offset 13"},
            {"#:ns{:a 1 :a 2}", "duplicate map key :ns/a at offset 0"},
            {"#:ns{:a 1 :b}", "namespaced map literal must contain an even number of forms at offset 0"},
            {"#:ns{:a 1 :_/a 2 :a 3}", "duplicate map key :ns/a at offset 0"},
            {"#:ns{:a 1", "end of input while reading map starting at offset 4"},
        };
        for (String[] c : cases) {
            assertThat(readBothWays(c[0]).error()).as(c[0]).isEqualTo("invalid EDN: " + c[1]);
        }
    }

    @Test
    void largeMapsAndSetsKeepTheirOrder() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            sb.append(":k").append(i).append(" #{").append(i).append(' ').append(-i - 1).append("}, ");
        }
        Map<?, ?> m = (Map<?, ?>) readBothWays(sb.append('}').toString()).value();
        assertThat(m).hasSize(300);
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            assertThat(e.getKey()).isEqualTo(Keyword.of("k" + i));
            assertThat(List.<Object>copyOf((Set<?>) e.getValue())).isEqualTo(List.of((long) i, (long) -i - 1));
            i++;
        }
    }

    @Test
    void keywordsAreTheSameInstancesOnBothPaths() {
        for (String text : List.of(":plain-kw", ":ns.x/kw?", ":\u00fcn\u00efcode")) {
            Object fromBytes = reader.read(text.getBytes(StandardCharsets.UTF_8));
            assertThat(fromBytes).isSameAs(reader.read(text)).isSameAs(Keyword.of(text));
            assertThat(reader.read(("[" + text + " " + text + "]").getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(List.of(fromBytes, fromBytes));
        }
    }

    @Test
    void aCachedKeywordIsOnlyTakenForItsWholeToken() {
        // read twice each, so that the second read finds the first one's keyword in the cache
        String[][] cases = {
            {"[:ab :ab\u0001 :ab]", "[:ab :ab\u0001 :ab]"},
            {"[:abcdefg :abcdefgh :abcdefghi :abcdefg]", "[:abcdefg :abcdefgh :abcdefghi :abcdefg]"},
            {"{:my.app/alpha 1, :my.app/alphabet 2, :my.app/beta 3, :my.app/alpha\t4}",
                "duplicate map key :my.app/alpha at offset 0"},
            {"[:my.app/alpha :my.app/alphabet :my.app/beta :my.app/gamma :my.app/alpha]",
                "[:my.app/alpha :my.app/alphabet :my.app/beta :my.app/gamma :my.app/alpha]"},
            {"[:abcdefgh] :abcdefgh", "unexpected data after the top-level value at offset 12"},
            {"[:ab :ab~x]", "invalid constituent character '~' at offset 8"},
            {"[:abcdefgh :abcdefgh@]", "invalid constituent character '@' at offset 20"},
            {"[:abcdefghij :abcdefghijk :abcdefghi]", "[:abcdefghij :abcdefghijk :abcdefghi]"},
        };
        for (String[] c : cases) {
            for (int round = 0; round < 2; round++) {
                Outcome o = readBothWays(c[0]);
                if (!c[1].startsWith("[")) {
                    assertThat(o.error()).as(c[0]).isEqualTo("invalid EDN: " + c[1]);
                } else {
                    assertThat(EdnPrinter.standard().print(o.value())).as(c[0]).isEqualTo(c[1]);
                }
            }
        }
    }
}
