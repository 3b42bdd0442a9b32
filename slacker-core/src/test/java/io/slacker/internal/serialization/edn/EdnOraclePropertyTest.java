package io.slacker.internal.serialization.edn;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.testkit.ClojureOracle;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.ValueGenerator;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated values of the whole data model against Clojure: what we print Clojure reads as the
 * same value, and what Clojure prints we read as the same value. Equality is strict
 * ({@link DataEquality}): NaN equals NaN, BigDecimal scale counts, lists differ from vectors.
 */
class EdnOraclePropertyTest {
    private static final int VALUES = 10_000;

    @Test
    void clojureReadsWhatWePrint() {
        ValueGenerator gen = new ValueGenerator(20240601L, ValueGenerator.Profile.EDN, 4);
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < VALUES; i++) {
            Object v = gen.next();
            count(v, kinds);
            String text = EdnPrinter.standard().print(v);
            Object clj;
            try {
                clj = ClojureOracle.readString(text);
            } catch (RuntimeException e) {
                throw new AssertionError("value #" + i + ": Clojure cannot read " + text, e);
            }
            assertThat(DataEquality.diff(v, ClojureOracle.toData(clj))).as("value #%d printed as %s", i, text).isNull();
            assertThat(DataEquality.diff(v, EdnReader.standard().read(text))).as("value #%d own round trip %s", i, text).isNull();
        }
        System.out.println("printed by us, read by Clojure: " + VALUES + " values, kinds " + kinds);
        assertCoverage(kinds);
    }

    @Test
    void weReadWhatClojurePrints() {
        ValueGenerator gen = new ValueGenerator(7L, ValueGenerator.Profile.EDN, 4);
        Map<String, Integer> kinds = new TreeMap<>();
        int samePrint = 0;
        for (int i = 0; i < VALUES; i++) {
            Object v = gen.next();
            count(v, kinds);
            String text = ClojureOracle.prStr(ClojureOracle.toClojure(v));
            Object ours = EdnReader.standard().read(text);
            assertThat(DataEquality.diff(v, ours)).as("value #%d printed by Clojure as %s", i, text).isNull();
            if (!EdnGoldenVectorsTest.hashOrdered(v)) {
                assertThat(EdnPrinter.standard().print(v)).as("value #%d", i).isEqualTo(text);
                samePrint++;
            }
        }
        System.out.println("printed by Clojure, read by us: " + VALUES + " values (" + samePrint
                + " also printed byte-identically by us), kinds " + kinds);
        assertThat(samePrint).isGreaterThan(VALUES / 2);
        assertCoverage(kinds);
    }

    private static void assertCoverage(Map<String, Integer> kinds) {
        for (String k : new String[] {"null", "Boolean", "Long", "Double", "NaN", "BigInteger", "BigDecimal", "Ratio",
                "String", "Character", "Keyword", "namespaced Keyword", "Symbol", "namespaced Symbol", "Instant",
                "UUID", "ArrayList", "ClojureList", "LinkedHashMap", "LinkedHashSet", "empty collection",
                "map > 8"}) {
            assertThat(kinds.getOrDefault(k, 0)).as("generated %s", k).isGreaterThanOrEqualTo(50);
        }
    }

    private static void count(Object v, Map<String, Integer> kinds) {
        String k = v == null ? "null" : v.getClass().getSimpleName();
        kinds.merge(k, 1, Integer::sum);
        if (v instanceof Double d && d.isNaN()) {
            kinds.merge("NaN", 1, Integer::sum);
        }
        if (v instanceof io.slacker.data.Keyword kw && kw.namespace() != null) {
            kinds.merge("namespaced Keyword", 1, Integer::sum);
        }
        if (v instanceof io.slacker.data.Symbol s && s.namespace() != null) {
            kinds.merge("namespaced Symbol", 1, Integer::sum);
        }
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                kinds.merge("empty collection", 1, Integer::sum);
            }
            if (m.size() > 8) {
                kinds.merge("map > 8", 1, Integer::sum);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                count(e.getKey(), kinds);
                count(e.getValue(), kinds);
            }
        } else if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                kinds.merge("empty collection", 1, Integer::sum);
            }
            for (Object o : c) {
                count(o, kinds);
            }
        }
    }
}
