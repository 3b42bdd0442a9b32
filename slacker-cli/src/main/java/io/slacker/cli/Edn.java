package io.slacker.cli;

import io.slacker.data.ClojureList;
import io.slacker.internal.serialization.edn.EdnPrinter;
import io.slacker.internal.serialization.edn.EdnReader;
import io.slacker.spi.SerializationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading EDN from the command line and printing answers as EDN. */
final class Edn {
    private static final EdnReader READER = EdnReader.standard();
    private static final EdnPrinter PRINTER = EdnPrinter.standard();
    private static final int WIDTH = 100;

    private Edn() {
    }

    /** One EDN value. */
    static Object read(String what, String text) {
        try {
            return READER.read(text);
        } catch (SerializationException e) {
            throw new ExitCodes.BadEdnException(what + " " + quote(text) + ": " + e.getMessage(), e);
        }
    }

    /** The argument vector of a call: an EDN vector or list; none (null) is {@code []}. */
    static List<Object> readArgs(String text) {
        if (text == null) {
            return List.of();
        }
        Object v = read("arguments", text);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new ExitCodes.BadEdnException("arguments " + quote(text) + " must be an EDN vector, e.g. [1 \"two\" :three]",
            null);
    }

    private static String quote(String text) {
        String t = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return "'" + t + "'";
    }

    /** A value on one line, as Clojure's pr-str (values with no EDN form as their toString). */
    static String print(Object value) {
        try {
            return PRINTER.print(value);
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }

    /**
     * A value as EDN that stays readable: collections wider than the line are broken one element
     * (map: one entry) per line, indented. Reads back as the same value.
     */
    static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        pretty(value, 0, sb);
        return sb.toString();
    }

    private static void pretty(Object value, int indent, StringBuilder sb) {
        String flat = print(value);
        if (indent + flat.length() <= WIDTH || !(value instanceof Map<?, ?> || value instanceof Collection<?>)) {
            sb.append(flat);
            return;
        }
        if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append('\n').append(" ".repeat(indent + 1));
                }
                first = false;
                String key = print(e.getKey());
                sb.append(key).append(' ');
                pretty(e.getValue(), indent + 2 + key.length(), sb);
            }
            sb.append('}');
            return;
        }
        String open;
        String close;
        if (value instanceof ClojureList) {
            open = "(";
            close = ")";
        } else if (value instanceof Set<?>) {
            open = "#{";
            close = "}";
        } else {
            open = "[";
            close = "]";
        }
        sb.append(open);
        boolean first = true;
        for (Object o : (Collection<?>) value) {
            if (!first) {
                sb.append('\n').append(" ".repeat(indent + open.length()));
            }
            first = false;
            pretty(o, indent + open.length(), sb);
        }
        sb.append(close);
    }
}
