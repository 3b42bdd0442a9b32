package io.slacker.testkit;

import io.slacker.data.ClojureList;
import io.slacker.internal.serialization.edn.EdnPrinter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one strict equality of data-model values for tests: lists and vectors are told apart,
 * types must match (a Long is not an Integer), {@link Double} compares by bits (NaN equals NaN,
 * 0.0 differs from -0.0), {@link BigDecimal} with its scale, byte arrays by content. Maps and
 * sets ignore order in {@link #diff}, and keep it in {@link #diffInOrder}.
 */
public final class DataEquality {
    private final boolean ordered;

    private DataEquality(boolean ordered) {
        this.ordered = ordered;
    }

    /** Null when equal, else a description of the first difference. */
    public static String diff(Object expected, Object actual) {
        return new DataEquality(false).diff(expected, actual, "$");
    }

    /** As {@link #diff}, and the iteration order of maps and sets must match too. */
    public static String diffInOrder(Object expected, Object actual) {
        return new DataEquality(true).diff(expected, actual, "$");
    }

    private String diff(Object e, Object a, String path) {
        if (e == null || a == null) {
            return e == a ? null : path + ": expected " + show(e) + " but was " + show(a);
        }
        if (e instanceof List<?> el) {
            boolean eList = e instanceof ClojureList;
            if (!(a instanceof List<?> al) || eList != (a instanceof ClojureList)) {
                return path + ": expected " + (eList ? "list " : "vector ") + show(e) + " but was " + show(a);
            }
            return sequence(el, al, path, "size");
        }
        if (e instanceof Set<?> es) {
            if (!(a instanceof Set<?> as) || es.size() != as.size()) {
                return path + ": expected set " + show(e) + " but was " + show(a);
            }
            if (ordered) {
                return sequence(es, as, path, "set size");
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
            return ordered ? sequence(em.entrySet(), am.entrySet(), path, "map size") : entries(em, am, path);
        }
        if (e instanceof Map.Entry<?, ?> ee && a instanceof Map.Entry<?, ?> ae) {
            String d = diff(ee.getKey(), ae.getKey(), path + " key");
            return d != null ? d : diff(ee.getValue(), ae.getValue(), path + "{" + show(ee.getKey()) + "}");
        }
        if (e instanceof byte[] eb) {
            return a instanceof byte[] ab && Arrays.equals(eb, ab) ? null : path + ": byte arrays differ";
        }
        if (e.getClass() != a.getClass()) {
            return path + ": expected " + e.getClass().getSimpleName() + " " + show(e) + " but was "
                + a.getClass().getSimpleName() + " " + show(a);
        }
        if (e instanceof BigDecimal) {
            return e.equals(a) ? null : path + ": expected " + e + "M but was " + a + "M (scale counts)";
        }
        // Double.equals compares bits: NaN = NaN, 0.0 != -0.0
        return Objects.equals(e, a) ? null : path + ": expected " + show(e) + " but was " + show(a);
    }

    private String sequence(Collection<?> e, Collection<?> a, String path, String what) {
        if (e.size() != a.size()) {
            return path + ": expected " + what + " " + e.size() + " but was " + a.size() + " " + show(a);
        }
        Iterator<?> ai = a.iterator();
        int i = 0;
        for (Object x : e) {
            String d = diff(x, ai.next(), path + "[" + i++ + "]");
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private String entries(Map<?, ?> em, Map<?, ?> am, String path) {
        for (Map.Entry<?, ?> x : em.entrySet()) {
            Map.Entry<?, ?> match = null;
            for (Map.Entry<?, ?> y : am.entrySet()) {
                if (diff(x.getKey(), y.getKey(), path) == null) {
                    match = y;
                    break;
                }
            }
            if (match == null) {
                return path + ": key " + show(x.getKey()) + " missing in " + show(am);
            }
            String d = diff(x.getValue(), match.getValue(), path + "{" + show(x.getKey()) + "}");
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private boolean containsStrict(Collection<?> c, Object x) {
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
