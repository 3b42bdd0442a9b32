package io.slacker.serialization;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.Sequential;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test oracle: reads EDN with Clojure's own {@code clojure.edn/read-string} and bridges the result to our data model. */
public final class ClojureBridge {
    private static final IFn READ_STRING;

    static {
        Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
        READ_STRING = Clojure.var("clojure.edn", "read-string");
    }

    private ClojureBridge() {
    }

    /** The value of an EDN text, in our model: vectors ArrayList, lists/seqs ClojureList, maps LinkedHashMap and sets LinkedHashSet in Clojure's iteration order, #inst Instant. */
    public static Object readEdn(String edn) {
        return toModel(READ_STRING.invoke(edn));
    }

    /** Bridges a Clojure value. */
    public static Object toModel(Object v) {
        if (v instanceof clojure.lang.Keyword k) {
            return Keyword.of(k.getNamespace(), k.getName());
        }
        if (v instanceof clojure.lang.Symbol s) {
            return Symbol.of(s.getNamespace(), s.getName());
        }
        if (v instanceof IPersistentMap m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object o : (Iterable<?>) m) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                out.put(toModel(e.getKey()), toModel(e.getValue()));
            }
            return out;
        }
        if (v instanceof IPersistentSet s) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object o : (Iterable<?>) s) {
                out.add(toModel(o));
            }
            return out;
        }
        if (v instanceof IPersistentVector vec) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Iterable<?>) vec) {
                out.add(toModel(o));
            }
            return out;
        }
        if (v instanceof Sequential && v instanceof Iterable<?> seq) {
            List<Object> out = new ArrayList<>();
            for (Object o : seq) {
                out.add(toModel(o));
            }
            return ClojureList.copyOf(out);
        }
        if (v instanceof clojure.lang.BigInt b) {
            return b.toBigInteger();
        }
        if (v instanceof clojure.lang.Ratio r) {
            return Ratio.of(r.numerator, r.denominator);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        return v;
    }
}
