package io.slacker.internal.serialization.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keys under Clojure's equality ({@code =}) for duplicate detection in map and set literals.
 * Java's {@code equals} already agrees with Clojure for most values; the exceptions are numbers
 * of one category in different representations ({@code 1} and {@code 1N}, {@code 1.0M} and
 * {@code 1.00M}, {@code 0.0} and {@code -0.0}), also inside collections. {@link #of} maps those
 * to one representative and returns every other value unchanged (same instance).
 */
public final class EquivKey {
    private static final Double POSITIVE_ZERO = 0.0;

    private EquivKey() {
    }

    public static Object of(Object o) {
        if (o instanceof Double d) {
            return d == 0.0 && d.equals(-0.0) ? POSITIVE_ZERO : o;
        }
        if (o instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : o;
        }
        if (o instanceof BigDecimal b) {
            return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        }
        if (o instanceof List<?> l) {
            List<Object> out = null;
            int i = 0;
            for (Object e : l) {
                Object k = of(e);
                if (k != e && out == null) {
                    out = new ArrayList<>(l.size());
                    int j = 0;
                    for (Object prev : l) {
                        if (j++ == i) {
                            break;
                        }
                        out.add(prev);
                    }
                }
                if (out != null) {
                    out.add(k);
                }
                i++;
            }
            return out == null ? o : out;
        }
        if (o instanceof Set<?> s) {
            return changed(s) ? collect(s, new HashSet<>()) : o;
        }
        if (o instanceof Map<?, ?> m) {
            boolean changed = false;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (of(e.getKey()) != e.getKey() || of(e.getValue()) != e.getValue()) {
                    changed = true;
                    break;
                }
            }
            if (!changed) {
                return o;
            }
            Map<Object, Object> out = new HashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(of(e.getKey()), of(e.getValue()));
            }
            return out;
        }
        return o;
    }

    private static boolean changed(Collection<?> c) {
        for (Object e : c) {
            if (of(e) != e) {
                return true;
            }
        }
        return false;
    }

    private static Set<Object> collect(Collection<?> c, Set<Object> out) {
        for (Object e : c) {
            out.add(of(e));
        }
        return out;
    }
}
