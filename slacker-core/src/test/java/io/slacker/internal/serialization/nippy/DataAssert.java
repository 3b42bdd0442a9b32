package io.slacker.internal.serialization.nippy;

import io.slacker.data.ClojureList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Strict structural equality for data-model values: same Java types (Long is not Double, a
 * ClojureList is not a vector), same contents; maps and sets ignore order.
 */
public final class DataAssert {
    private DataAssert() {
    }

    /** Null when equal, otherwise a description of the first difference. */
    public static String diff(Object expected, Object actual) {
        return diff(expected, actual, "$");
    }

    private static String diff(Object e, Object a, String path) {
        if (e == null || a == null) {
            return e == a ? null : path + ": expected " + show(e) + ", got " + show(a);
        }
        if (e instanceof List<?> le) {
            if (!(a instanceof List<?> la)) {
                return path + ": expected a list, got " + show(a);
            }
            if ((e instanceof ClojureList) != (a instanceof ClojureList)) {
                return path + ": list/vector kind differs: expected " + kind(e) + ", got " + kind(a);
            }
            if (le.size() != la.size()) {
                return path + ": size " + le.size() + " vs " + la.size();
            }
            Iterator<?> ie = le.iterator();
            Iterator<?> ia = la.iterator();
            for (int i = 0; ie.hasNext(); i++) {
                String d = diff(ie.next(), ia.next(), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e instanceof Map<?, ?> me) {
            if (!(a instanceof Map<?, ?> ma)) {
                return path + ": expected a map, got " + show(a);
            }
            if (me.size() != ma.size()) {
                return path + ": map size " + me.size() + " vs " + ma.size();
            }
            for (Map.Entry<?, ?> en : me.entrySet()) {
                if (!ma.containsKey(en.getKey())) {
                    return path + ": missing key " + show(en.getKey());
                }
                String d = diff(en.getValue(), ma.get(en.getKey()), path + "{" + en.getKey() + "}");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e instanceof Set<?> se) {
            if (!(a instanceof Set<?> sa)) {
                return path + ": expected a set, got " + show(a);
            }
            return se.equals(sa) ? null : path + ": sets differ: " + show(e) + " vs " + show(a);
        }
        if (e instanceof byte[] be) {
            return a instanceof byte[] ba && Arrays.equals(be, ba) ? null : path + ": byte arrays differ";
        }
        if (e.getClass() != a.getClass()) {
            return path + ": expected " + show(e) + ", got " + show(a);
        }
        return Objects.equals(e, a) ? null : path + ": expected " + show(e) + ", got " + show(a);
    }

    private static String kind(Object o) {
        return o instanceof ClojureList ? "list" : "vector";
    }

    private static String show(Object o) {
        if (o == null) {
            return "null";
        }
        String s = String.valueOf(o);
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        return s + " (" + o.getClass().getSimpleName() + ")";
    }
}
