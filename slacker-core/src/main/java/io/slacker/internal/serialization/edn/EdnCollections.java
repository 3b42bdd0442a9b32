package io.slacker.internal.serialization.edn;

import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The collection literals of {@link EdnParser}: vectors and lists, and maps and sets read
 * straight into their collection, with Clojure's checks for duplicates. A duplicate found on the
 * way is only reported once the literal has been read to its end, so that errors come in the
 * same order as when the elements are read first and checked after (a later syntax error, then
 * an odd number of map forms, then the duplicate).
 */
abstract class EdnCollections extends EdnLexer {
    /** Returned by forms that produce no value (comments, discards). */
    static final Object SKIP = new Object();
    /** No map key read yet; also what {@link #readElement} returns at the closing delimiter. */
    private static final Object NO_KEY = new Object();

    /** The reader's settings. */
    final EdnReader cfg;
    private int depth;

    EdnCollections(EdnReader cfg, String text) {
        super(text);
        this.cfg = cfg;
    }

    EdnCollections(EdnReader cfg, byte[] ascii, int offset, int length) {
        super(ascii, offset, length);
        this.cfg = cfg;
    }

    /** Reads the form at {@code pos} (not whitespace, not end of input); SKIP for no value. */
    abstract Object readForm();

    /** One level deeper, opened at {@code at}. */
    final void enter(int at) {
        if (++depth > cfg.maxDepth()) {
            throw error("nesting deeper than " + cfg.maxDepth(), at);
        }
    }

    /** One level back up. */
    final void leave() {
        depth--;
    }

    /**
     * The next element of a collection opened at {@code open}: a value, SKIP for a comment or
     * discard, or {@code NO_KEY} at the closing delimiter (consumed).
     */
    private Object readElement(char close, String what, int open) {
        skipWhitespace();
        if (pos >= end) {
            throw eof(what, open);
        }
        if (at(pos) == close) {
            pos++;
            return NO_KEY;
        }
        return readForm();
    }

    /** A vector or list (as the vector of its elements) whose opening delimiter is at {@code start}. */
    final ArrayList<Object> readSequence(char close, String what, int start) {
        enter(start);
        ArrayList<Object> items = new ArrayList<>();
        for (Object o; (o = readElement(close, what, start)) != NO_KEY;) {
            if (o != SKIP) {
                items.add(o);
            }
        }
        leave();
        return items;
    }

    /**
     * A map whose brace is at {@code open}; {@code start} is where the literal starts (the
     * {@code #} of a namespaced map, whose namespace {@code ns} qualifies the keys).
     */
    final Map<Object, Object> readMap(int open, int start, String ns) {
        enter(open);
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        Set<Object> equiv = null;
        SerializationException duplicate = null;
        Object key = NO_KEY;
        for (Object o; (o = readElement('}', "map", open)) != NO_KEY;) {
            if (o == SKIP) {
                continue;
            }
            if (key == NO_KEY) {
                key = ns == null ? o : qualify(o, ns);
                continue;
            }
            if (duplicate == null) {
                int size = map.size();
                map.put(key, o);
                if (map.size() == size) {
                    duplicate = error("duplicate map key " + key, start);
                } else if (!plainEquality(key)) {
                    try {
                        equiv = checkEquiv(equiv, map.keySet(), key, start);
                    } catch (SerializationException e) {
                        duplicate = e;
                    }
                }
            }
            key = NO_KEY;
        }
        leave();
        if (key != NO_KEY) {
            throw error((ns == null ? "map" : "namespaced map") + " literal must contain an even number of forms", start);
        }
        if (duplicate != null) {
            throw duplicate;
        }
        return map;
    }

    private static Object qualify(Object key, String ns) {
        if (key instanceof Keyword k) {
            if (k.namespace() == null) {
                return Keyword.of(ns, k.name());
            }
            if (k.namespace().equals("_")) {
                return Keyword.of(null, k.name());
            }
        } else if (key instanceof Symbol sym) {
            if (sym.namespace() == null) {
                return Symbol.of(ns, sym.name());
            }
            if (sym.namespace().equals("_")) {
                return Symbol.of(null, sym.name());
            }
        }
        return key;
    }

    /** A set whose {@code #} is at {@code start}. */
    final Set<Object> readSet(int start) {
        enter(start);
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        Set<Object> equiv = null;
        SerializationException duplicate = null;
        for (Object o; (o = readElement('}', "set", start)) != NO_KEY;) {
            if (o == SKIP || duplicate != null) {
                continue;
            }
            if (!set.add(o)) {
                duplicate = error("duplicate set element " + o, start);
            } else if (!plainEquality(o)) {
                try {
                    equiv = checkEquiv(equiv, set, o, start);
                } catch (SerializationException e) {
                    duplicate = e;
                }
            }
        }
        leave();
        if (duplicate != null) {
            throw duplicate;
        }
        return set;
    }

    /**
     * Values whose Clojure equality is Java's and that equal nothing of another type: no need
     * to track them for {@link #checkEquiv} (the common map keys).
     */
    private static boolean plainEquality(Object o) {
        return o instanceof Keyword || o instanceof String || o instanceof Symbol || o instanceof Boolean
            || o instanceof Character || o == null;
    }

    /**
     * Catches duplicates that Java's equals misses but Clojure's = sees. Only builds the set of
     * equivalence keys once a key needs one.
     */
    private Set<Object> checkEquiv(Set<Object> equiv, Collection<Object> all, Object added, int start) {
        Object k = EquivKey.of(added);
        if (equiv == null) {
            if (k == added) {
                return null;
            }
            equiv = new HashSet<>();
            for (Object o : all) {
                if (o != added) {
                    equiv.add(EquivKey.of(o));
                }
            }
        }
        if (!equiv.add(k)) {
            throw error("duplicate key " + added + " (equal to an earlier one)", start);
        }
        return equiv;
    }
}
