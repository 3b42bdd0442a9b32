package io.slacker.testkit;

import clojure.java.api.Clojure;
import clojure.lang.BigInt;
import clojure.lang.IFn;
import clojure.lang.IPersistentList;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.edn.TaggedLiteral;
import java.io.PushbackReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Clojure runtime as the oracle: its EDN reader and printer, and a bridge between Clojure's
 * values and the slacker data model in both directions.
 */
public final class ClojureOracle {
    private static final IFn READ_STRING = Clojure.var("clojure.edn", "read-string");
    private static final IFn PR_STR = Clojure.var("clojure.core", "pr-str");
    private static final Object EOF = new Object();
    private static final IPersistentMap EOF_OPTS = PersistentArrayMap.EMPTY
            .assoc(clojure.lang.Keyword.intern("eof"), EOF);

    static {
        // clojure.edn is not loaded by clojure.core
        Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
    }

    private ClojureOracle() {
    }

    /** clojure.edn/read-string, returning the Clojure value. */
    public static Object readString(String text) {
        return READ_STRING.invoke(text);
    }

    /**
     * Clojure's EDN reader with our top-level rule: exactly one value (or none), nothing but
     * whitespace, comments and discards after it.
     *
     * @throws IllegalStateException for trailing data, or whatever Clojure throws
     */
    public static Object readSingle(String text) {
        PushbackReader r = new PushbackReader(new StringReader(text));
        Object v = clojure.lang.EdnReader.read(r, EOF_OPTS);
        if (v == EOF) {
            return null;
        }
        if (clojure.lang.EdnReader.read(r, EOF_OPTS) != EOF) {
            throw new IllegalStateException("trailing data");
        }
        return v;
    }

    /** clojure.core/pr-str of a Clojure value. */
    public static String prStr(Object clojureValue) {
        return (String) PR_STR.invoke(clojureValue);
    }

    /** The data-model value of an EDN text, as Clojure's EDN reader reads it. */
    public static Object readEdn(String text) {
        return toData(readString(text));
    }

    /** A Clojure value in the slacker data model (narrow integers and floats widened). */
    public static Object toData(Object o) {
        if (o == null || o instanceof Boolean || o instanceof Long || o instanceof Double || o instanceof String
                || o instanceof Character || o instanceof BigDecimal || o instanceof UUID || o instanceof BigInteger) {
            return o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof BigInt b) {
            return b.toBigInteger();
        }
        if (o instanceof clojure.lang.Ratio r) {
            return Ratio.of(r.numerator, r.denominator);
        }
        if (o instanceof clojure.lang.Keyword k) {
            return Keyword.of(k.getNamespace(), k.getName());
        }
        if (o instanceof clojure.lang.Symbol s) {
            return Symbol.of(s.getNamespace(), s.getName());
        }
        if (o instanceof Date d) {
            return Instant.ofEpochMilli(d.getTime());
        }
        if (o instanceof clojure.lang.TaggedLiteral t) {
            return new TaggedLiteral((Symbol) toData(t.tag), toData(t.form));
        }
        if (o instanceof IPersistentMap) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                out.put(toData(e.getKey()), toData(e.getValue()));
            }
            return out;
        }
        if (o instanceof IPersistentSet) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object e : (Collection<?>) o) {
                out.add(toData(e));
            }
            return out;
        }
        if (o instanceof IPersistentVector) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Collection<?>) o) {
                out.add(toData(e));
            }
            return out;
        }
        if (o instanceof IPersistentList || o instanceof ISeq) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Collection<?>) o) {
                out.add(toData(e));
            }
            return ClojureList.copyOf(out);
        }
        throw new IllegalArgumentException("no bridge for Clojure " + o.getClass().getName());
    }

    /** A slacker data-model value as the Clojure value it stands for. */
    public static Object toClojure(Object o) {
        if (o == null || o instanceof Boolean || o instanceof Long || o instanceof Double || o instanceof String
                || o instanceof Character || o instanceof BigDecimal || o instanceof UUID) {
            return o;
        }
        if (o instanceof BigInteger b) {
            return BigInt.fromBigInteger(b);
        }
        if (o instanceof Ratio r) {
            return new clojure.lang.Ratio(r.numerator(), r.denominator());
        }
        if (o instanceof Keyword k) {
            return clojure.lang.Keyword.intern(k.namespace(), k.name());
        }
        if (o instanceof Symbol s) {
            return clojure.lang.Symbol.intern(s.namespace(), s.name());
        }
        if (o instanceof Instant i) {
            return new Date(i.toEpochMilli());
        }
        if (o instanceof TaggedLiteral t) {
            return clojure.lang.TaggedLiteral.create((clojure.lang.Symbol) toClojure(t.tag()), toClojure(t.form()));
        }
        if (o instanceof Map<?, ?> m) {
            Object[] kvs = new Object[m.size() * 2];
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                kvs[i++] = toClojure(e.getKey());
                kvs[i++] = toClojure(e.getValue());
            }
            return RT.map(kvs);
        }
        if (o instanceof Set<?> s) {
            List<Object> items = new ArrayList<>();
            for (Object e : s) {
                items.add(toClojure(e));
            }
            return PersistentHashSet.createWithCheck(items);
        }
        if (o instanceof ClojureList l) {
            List<Object> items = new ArrayList<>();
            for (Object e : l) {
                items.add(toClojure(e));
            }
            return items.isEmpty() ? PersistentList.EMPTY : PersistentList.create(items);
        }
        if (o instanceof List<?> l) {
            List<Object> items = new ArrayList<>();
            for (Object e : l) {
                items.add(toClojure(e));
            }
            return PersistentVector.create(items);
        }
        throw new IllegalArgumentException("no bridge for " + o.getClass().getName());
    }
}
