package io.slacker.internal.serialization.edn;

import io.slacker.data.ClojureList;
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
import java.util.UUID;

/**
 * One parse of {@link EdnReader}: the forms of the EDN grammar over an {@link EdnLexer}. Maps and
 * sets are read straight into their collection; a duplicate found on the way is only reported
 * once the literal has been read to its end, so that errors come in the same order as when the
 * elements are read first and checked after (a later syntax error, then an odd number of map
 * forms, then the duplicate).
 */
final class EdnParser extends EdnLexer {
    /** Returned by forms that produce no value (comments, discards). */
    private static final Object SKIP = new Object();
    /** No map key read yet. */
    private static final Object NO_KEY = new Object();
    private static final Symbol INST = Symbol.of("inst");
    private static final Symbol UUID_TAG = Symbol.of("uuid");

    private final EdnReader cfg;
    private int depth;

    EdnParser(EdnReader cfg, String text) {
        super(text);
        this.cfg = cfg;
    }

    EdnParser(EdnReader cfg, byte[] ascii, int offset, int length) {
        super(ascii, offset, length);
        this.cfg = cfg;
    }

    Object readTop() {
        Object value;
        try {
            do {
                skipWhitespace();
                if (pos >= end) {
                    return null;
                }
                value = readForm();
            } while (value == SKIP);
            for (;;) {
                skipWhitespace();
                if (pos >= end) {
                    return value;
                }
                char c = at(pos);
                if (c == ';' || c == '#' && pos + 1 < end && at(pos + 1) == '_') {
                    readForm();
                } else {
                    throw error("unexpected data after the top-level value", pos);
                }
            }
        } catch (StackOverflowError e) {
            throw new SerializationException("EDN nested too deeply for the thread's stack at offset " + offset(pos));
        }
    }

    private void enter(int at) {
        if (++depth > cfg.maxDepth()) {
            throw error("nesting deeper than " + cfg.maxDepth(), at);
        }
    }

    // ---- forms ----

    /** Reads a form that must be there (after a tag, {@code #_}, {@code ^}...). */
    private Object readRequired(String what, int start) {
        enter(start);
        try {
            for (;;) {
                skipWhitespace();
                if (pos >= end) {
                    throw eof(what, start);
                }
                Object o = readForm();
                if (o != SKIP) {
                    return o;
                }
            }
        } finally {
            depth--;
        }
    }

    /**
     * Reads the form at {@code pos} (not whitespace, not end of input); SKIP for no value. The
     * common forms are here and the rest in {@link #readOtherForm}, so that this stays small
     * enough for the compiler to inline.
     */
    private Object readForm() {
        int start = pos;
        char c = at(pos);
        switch (c) {
            case '"':
                pos++;
                return readString(start);
            case ':':
                return readKeyword(start);
            case '{':
                pos++;
                return readMap(start, start, null);
            case '[':
                pos++;
                return readSequence(']', "vector", start);
            default:
                return readOtherForm(c, start);
        }
    }

    private Object readOtherForm(char c, int start) {
        if (Character.isDigit(c)) {
            return readNumber(start);
        }
        switch (c) {
            case ';':
                skipComment();
                return SKIP;
            case '^':
                pos++;
                return readMeta(start);
            case '(':
                pos++;
                return ClojureList.copyOf(readSequence(')', "list", start));
            case ')':
            case ']':
            case '}':
                throw error("unmatched delimiter '" + c + "'", start);
            case '\\':
                pos++;
                return readCharacter(start);
            case '#':
                pos++;
                return readDispatch(start);
            case '+':
            case '-':
                if (pos + 1 < end && Character.isDigit(at(pos + 1))) {
                    return readNumber(start);
                }
                break;
            default:
                break;
        }
        return interpretToken(readToken(true), start);
    }

    /** A token starting with a colon: a known keyword from {@link KeywordCache}, else read and remembered. */
    private Object readKeyword(int start) {
        KeywordCache.Entry known = keywordByPrefix(start);
        if (known != null) {
            return known.keyword();
        }
        int h = scanHashedToken(start);
        known = KeywordCache.get(h);
        if (known != null && regionEquals(known, start, pos)) {
            KeywordCache.rememberPrefix(known);
            return known.keyword();
        }
        String t = slice(start, pos);
        Object o = interpretToken(t, start);
        if (o instanceof Keyword k) {
            KeywordCache.put(t, k);
        }
        return o;
    }

    private Object interpretToken(String t, int start) {
        switch (t) {
            case "nil":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                Object o = Tokens.symbolOrKeyword(t);
                if (o == null) {
                    throw error("invalid token '" + t + "'", start);
                }
                return o;
        }
    }

    private Object readNumber(int start) {
        pos++;
        while (pos < end) {
            char c = at(pos);
            if (isWhitespace(c) || isMacro(c)) {
                break;
            }
            pos++;
        }
        if (pos - start > cfg.maxNumberLength()) {
            throw error("number of " + (pos - start) + " characters exceeds the limit of " + cfg.maxNumberLength()
                + " characters (maxNumberLength)", start);
        }
        String t = slice(start, pos);
        Object n = Tokens.number(t);
        if (n == null) {
            throw error("invalid number '" + t + "'", start);
        }
        if (n instanceof String msg) {
            throw error(msg + " in number '" + t + "'", start);
        }
        return n;
    }

    private Object readDispatch(int start) {
        if (pos >= end) {
            throw eof("dispatch form", start);
        }
        char c = at(pos);
        switch (c) {
            case '^':
                pos++;
                return readMeta(start);
            case '{':
                pos++;
                return readSet(start);
            case '<':
                throw error("unreadable form #<", start);
            case '_':
                pos++;
                readRequired("discarded form", start);
                return SKIP;
            case '#':
                pos++;
                return readSymbolic(start);
            case ':':
                pos++;
                return readNamespacedMap(start);
            default:
                if (Character.isLetter(c)) {
                    return readTagged(start);
                }
                throw error("no dispatch macro for '#" + c + "'", start);
        }
    }

    private Object readMeta(int start) {
        Object meta = readRequired("metadata", start);
        if (!(meta instanceof Symbol || meta instanceof String || meta instanceof Keyword || meta instanceof Map)) {
            throw error("metadata must be a symbol, keyword, string or map", start);
        }
        Object target = readRequired("form after metadata", start);
        if (!(target instanceof Symbol || target instanceof Collection || target instanceof Map)) {
            throw error("metadata can only be applied to symbols and collections", start);
        }
        return target;
    }

    private Double readSymbolic(int start) {
        Object o = readRequired("symbolic value", start);
        if (!(o instanceof Symbol sym)) {
            throw error("invalid token ##" + o, start);
        }
        if (sym.namespace() == null) {
            switch (sym.name()) {
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                case "NaN":
                    return Double.NaN;
                default:
                    break;
            }
        }
        throw error("unknown symbolic value ##" + sym, start);
    }

    private Map<Object, Object> readNamespacedMap(int start) {
        Object o = readRequired("namespaced map", start);
        if (!(o instanceof Symbol sym) || sym.namespace() != null) {
            throw error("namespaced map must specify a valid namespace: " + o, start);
        }
        skipWhitespace();
        if (pos >= end) {
            throw eof("namespaced map", start);
        }
        if (at(pos) != '{') {
            throw error("namespaced map must specify a map", pos);
        }
        int open = pos++;
        return readMap(open, start, sym.name());
    }

    private Object readTagged(int start) {
        Object name = readRequired("tag", start);
        if (!(name instanceof Symbol tag)) {
            throw error("reader tag must be a symbol", start);
        }
        Object form = readRequired("form after tag #" + tag, start);
        TagHandler h = cfg.tagHandler(tag);
        try {
            if (h != null) {
                return h.read(tag, form);
            }
            if (tag.equals(INST)) {
                if (!(form instanceof String text)) {
                    throw new SerializationException("#inst expects a string");
                }
                return InstantText.parse(text);
            }
            if (tag.equals(UUID_TAG)) {
                if (!(form instanceof String text)) {
                    throw new SerializationException("#uuid expects a string");
                }
                return UUID.fromString(text);
            }
            if (cfg.defaultTagHandler() != null) {
                return cfg.defaultTagHandler().read(tag, form);
            }
        } catch (SerializationException e) {
            throw new SerializationException("invalid EDN: " + e.getMessage() + " at offset " + offset(start), e);
        } catch (RuntimeException e) {
            throw new SerializationException("invalid EDN: cannot read #" + tag + " " + form
                    + " at offset " + offset(start) + ": " + e, e);
        }
        throw error("no reader function for tag #" + tag, start);
    }

    // ---- collections ----

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

    private ArrayList<Object> readSequence(char close, String what, int start) {
        enter(start);
        ArrayList<Object> items = new ArrayList<>();
        for (Object o; (o = readElement(close, what, start)) != NO_KEY;) {
            if (o != SKIP) {
                items.add(o);
            }
        }
        depth--;
        return items;
    }

    /**
     * A map whose brace is at {@code open}; {@code start} is where the literal starts (the
     * {@code #} of a namespaced map, whose namespace {@code ns} qualifies the keys).
     */
    private Map<Object, Object> readMap(int open, int start, String ns) {
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
        depth--;
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
    private Set<Object> readSet(int start) {
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
        depth--;
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
