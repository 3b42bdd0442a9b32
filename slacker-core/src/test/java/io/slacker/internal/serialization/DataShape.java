package io.slacker.internal.serialization;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test helper: a text rendering of a value that shows every type, so that comparing two
 * renderings compares the values strictly (a Long is not an Integer, a list not a vector, map
 * order counts).
 */
public final class DataShape {
    private DataShape() {
    }

    /** The typed rendering of a value. */
    public static String of(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof ClojureList l) {
            return "(" + items(l) + ")";
        }
        if (v instanceof List<?> l) {
            return "[" + items(l) + "]";
        }
        if (v instanceof Set<?> s) {
            return "#{" + items(s) + "}";
        }
        if (v instanceof Map<?, ?> m) {
            return "{" + m.entrySet().stream().map(e -> of(e.getKey()) + " " + of(e.getValue()))
                    .collect(Collectors.joining(", ")) + "}";
        }
        if (v instanceof Keyword k) {
            return k.toString();
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Symbol || v instanceof Ratio) {
            return v.getClass().getSimpleName() + ":" + v;
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    private static String items(Collection<?> c) {
        return c.stream().map(DataShape::of).collect(Collectors.joining(" "));
    }
}
