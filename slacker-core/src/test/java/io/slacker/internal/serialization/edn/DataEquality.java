package io.slacker.internal.serialization.edn;

import io.slacker.data.ClojureList;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Strict equality of data-model values for tests: lists and vectors are told apart, number
 * types must match, {@link Double} compares by bits (so NaN equals NaN and 0.0 differs from
 * -0.0), {@link BigDecimal} compares with its scale. Maps and sets ignore order.
 */
final class DataEquality {
    private DataEquality() {
    }

    /** Null when equal, else a description of the first difference. */
    static String diff(Object expected, Object actual) {
        return diff(expected, actual, "$");
    }

    private static String diff(Object e, Object a, String path) {
        if (e == null || a == null) {
            return e == a ? null : path + ": expected " + show(e) + " but was " + show(a);
        }
        if (e instanceof List<?> el) {
            boolean eList = e instanceof ClojureList;
            if (!(a instanceof List<?> al) || eList != (a instanceof ClojureList)) {
                return path + ": expected " + (eList ? "list " : "vector ") + show(e) + " but was " + show(a);
            }
            if (el.size() != al.size()) {
                return path + ": expected size " + el.size() + " but was " + al.size() + " " + show(a);
            }
            Iterator<?> ai = al.iterator();
            int i = 0;
            for (Object x : el) {
                String d = diff(x, ai.next(), path + "[" + i++ + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e instanceof Set<?> es) {
            if (!(a instanceof Set<?> as) || es.size() != as.size()) {
                return path + ": expected set " + show(e) + " but was " + show(a);
            }
            for (Object x : es) {
                if (!containsStrict(as, x)) {
                    return path + ": element " + show(x) + " missing in " + show(a);
                }
            }
            return null;
        }
        if (e instanceof Map<?, ?> em) {
            if (!(a instanceof Map<?, ?> am) || em.size() != am.size()) {
                return path + ": expected map " + show(e) + " but was " + show(a);
            }
            for (Map.Entry<?, ?> x : em.entrySet()) {
                Map.Entry<?, ?> match = null;
                for (Map.Entry<?, ?> y : am.entrySet()) {
                    if (diff(x.getKey(), y.getKey(), path) == null) {
                        match = y;
                        break;
                    }
                }
                if (match == null) {
                    return path + ": key " + show(x.getKey()) + " missing in " + show(a);
                }
                String d = diff(x.getValue(), match.getValue(), path + "{" + show(x.getKey()) + "}");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e.getClass() != a.getClass()) {
            return path + ": expected " + e.getClass().getSimpleName() + " " + show(e) + " but was "
                    + a.getClass().getSimpleName() + " " + show(a);
        }
        if (e instanceof Double) {
            return e.equals(a) ? null : path + ": expected " + e + " but was " + a; // bitwise: NaN = NaN
        }
        if (e instanceof BigDecimal) {
            return e.equals(a) ? null : path + ": expected " + e + "M but was " + a + "M (scale counts)";
        }
        return Objects.equals(e, a) ? null : path + ": expected " + show(e) + " but was " + show(a);
    }

    private static boolean containsStrict(Collection<?> c, Object x) {
        for (Object y : c) {
            if (diff(x, y, "") == null) {
                return true;
            }
        }
        return false;
    }

    private static String show(Object o) {
        String s;
        try {
            s = EdnPrinter.standard().print(o);
        } catch (RuntimeException ex) {
            s = String.valueOf(o);
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
