package io.slacker.serialization.nippy;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test oracle: reads EDN with the real {@code clojure.edn/read-string} and converts the Clojure
 * runtime value into slacker's data model (the mapping of DESIGN.md §4).
 */
public final class ClojureBridge {
    private static final IFn READ_STRING;

    static {
        IFn require = Clojure.var("clojure.core", "require");
        require.invoke(Clojure.read("clojure.edn"));
        READ_STRING = Clojure.var("clojure.edn", "read-string");
    }

    private ClojureBridge() {
    }

    /** The data-model value of an EDN text, as Clojure reads it. */
    public static Object readEdn(String edn) {
        return toData(READ_STRING.invoke(edn));
    }

    /** Converts a Clojure runtime value into the data model. */
    public static Object toData(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof Character || v instanceof java.math.BigDecimal || v instanceof java.util.UUID) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof clojure.lang.BigInt b) {
            return b.toBigInteger();
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof clojure.lang.Ratio r) {
            return Ratio.of(r.numerator, r.denominator);
        }
        if (v instanceof clojure.lang.Keyword k) {
            return Keyword.of(k.getNamespace(), k.getName());
        }
        if (v instanceof clojure.lang.Symbol s) {
            return Symbol.of(s.getNamespace(), s.getName());
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof clojure.lang.IPersistentVector vec) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) vec) {
                out.add(toData(o));
            }
            return out;
        }
        if (v instanceof clojure.lang.IPersistentMap) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(toData(e.getKey()), toData(e.getValue()));
            }
            return out;
        }
        if (v instanceof clojure.lang.IPersistentSet) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object o : (Set<?>) v) {
                out.add(toData(o));
            }
            return out;
        }
        if (v instanceof clojure.lang.ISeq || v instanceof clojure.lang.IPersistentList) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Iterable<?>) v) {
                out.add(toData(o));
            }
            return ClojureList.copyOf(out);
        }
        throw new IllegalArgumentException("no data-model form for " + v.getClass().getName() + ": " + v);
    }
}
