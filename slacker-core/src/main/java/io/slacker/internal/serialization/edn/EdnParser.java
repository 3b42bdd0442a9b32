package io.slacker.internal.serialization.edn;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * One parse of {@link EdnReader}: the forms of the EDN grammar over an {@link EdnLexer}, the
 * collections in {@link EdnCollections}.
 */
final class EdnParser extends EdnCollections {
    private static final Symbol INST = Symbol.of("inst");
    private static final Symbol UUID_TAG = Symbol.of("uuid");

    EdnParser(EdnReader cfg, String text) {
        super(cfg, text);
    }

    EdnParser(EdnReader cfg, byte[] ascii, int offset, int length) {
        super(cfg, ascii, offset, length);
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
            leave();
        }
    }

    /**
     * Reads the form at {@code pos} (not whitespace, not end of input); SKIP for no value. The
     * common forms are here and the rest in {@link #readOtherForm}, so that this stays small
     * enough for the compiler to inline.
     */
    @Override
    Object readForm() {
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
}
