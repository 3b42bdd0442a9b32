package io.slacker.internal.serialization.edn;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Reads EDN text into the slacker data model, accepting exactly what Clojure's
 * {@code clojure.edn/read-string} accepts (Clojure 1.12, built-in tags only), with two
 * deliberate differences: text after the single top-level value (other than whitespace, comments
 * and {@code #_} discards) is an error where Clojure ignores it, and the nesting depth is limited.
 *
 * <p>Values: {@code nil} → {@code null}; booleans; integers → {@link Long}, or
 * {@link java.math.BigInteger} when they do not fit or carry {@code N} (hex {@code 0x1F}, octal
 * {@code 017}, radix {@code 2r101} included); floats → {@link Double} ({@code ##Inf},
 * {@code ##-Inf}, {@code ##NaN} too); {@code M} → {@link java.math.BigDecimal}; ratios →
 * {@link io.slacker.data.Ratio}, or an integer when they reduce to one; strings; characters →
 * {@link Character}; keywords → {@link Keyword}; symbols → {@link Symbol}; lists →
 * {@link ClojureList}; vectors → {@link ArrayList}; maps → {@link LinkedHashMap} and sets →
 * {@link LinkedHashSet}, both in the order of the text; {@code #inst} → {@link java.time.Instant}
 * (truncated to milliseconds, as Clojure's {@code java.util.Date}); {@code #uuid} → {@link UUID}.
 * Metadata ({@code ^...}) is read, checked as Clojure does, and dropped. Namespaced maps
 * ({@code #:ns{...}}) are expanded. Duplicate map keys or set elements under Clojure's equality
 * ({@code 1} and {@code 1N} are the same key) are an error.
 *
 * <p>Empty input (or only whitespace and comments) reads as {@code null}, as in Clojure.
 *
 * <p>Instances are immutable and thread-safe. Every failure is a {@link SerializationException}
 * whose message says what is wrong and at which character offset (byte offset for invalid UTF-8).
 */
public final class EdnReader {
    /** The default nesting-depth limit. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private static final EdnReader STANDARD = builder().build();

    private final int maxDepth;
    private final int maxNumberLength;
    private final Map<Symbol, TagHandler> tags;
    private final TagHandler defaultTag;

    private EdnReader(Builder b) {
        this.maxDepth = b.maxDepth;
        this.maxNumberLength = b.maxNumberLength;
        this.tags = Map.copyOf(b.tags);
        this.defaultTag = b.defaultTag;
    }

    private EdnReader(EdnReader other, int maxNumberLength) {
        this.maxDepth = other.maxDepth;
        this.maxNumberLength = NumberLimit.validate(maxNumberLength);
        this.tags = other.tags;
        this.defaultTag = other.defaultTag;
    }

    /** This reader with another limit on number literals, in characters. */
    public EdnReader withMaxNumberLength(int max) {
        return new EdnReader(this, max);
    }

    /** A reader with the default depth limit and only the built-in tags {@code #inst} and {@code #uuid}. */
    public static EdnReader standard() {
        return STANDARD;
    }

    /** A builder for a reader with other limits or tag handlers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The nesting-depth limit of this reader. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The longest number literal this reader accepts, in characters. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /**
     * Reads one value from EDN text.
     *
     * @throws SerializationException when the text is not exactly one valid EDN value
     */
    public Object read(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(this, text).readTop();
    }

    /**
     * Reads one value from UTF-8 bytes.
     *
     * @throws SerializationException on invalid UTF-8, or when the text is not exactly one valid
     *                                EDN value
     */
    public Object read(byte[] utf8) {
        return read(utf8, 0, utf8.length);
    }

    /**
     * Reads one value from a range of UTF-8 bytes.
     *
     * @throws SerializationException on invalid UTF-8, or when the text is not exactly one valid
     *                                EDN value
     */
    public Object read(byte[] utf8, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        return read(decode(utf8, offset, length));
    }

    /** Strict UTF-8 decoding: the fast lenient decoder, re-checked only when it substituted. */
    private static String decode(byte[] b, int offset, int length) {
        String s = new String(b, offset, length, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, offset, length);
        try {
            d.decode(in);
            return s;
        } catch (MalformedInputException e) {
            throw new SerializationException("invalid UTF-8 at byte offset " + (in.position() - offset));
        } catch (CharacterCodingException e) {
            throw new SerializationException("invalid UTF-8 at byte offset " + (in.position() - offset), e);
        }
    }

    /** Configures an {@link EdnReader}. */
    public static final class Builder {
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxNumberLength = NumberLimit.DEFAULT;
        private final Map<Symbol, TagHandler> tags = new HashMap<>();
        private TagHandler defaultTag;

        private Builder() {
        }

        /** The deepest nesting of collections, tags, metadata and discards accepted (default 512). */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** The longest number literal accepted, in characters (default 1,000; see {@link NumberLimit}). */
        public Builder maxNumberLength(int max) {
            this.maxNumberLength = NumberLimit.validate(max);
            return this;
        }

        /**
         * A handler for one tag, e.g. {@code "my/point"} for {@code #my/point [1 2]}. It takes
         * precedence over the built-in {@code inst} and {@code uuid} readers, as {@code :readers}
         * does in Clojure.
         */
        public Builder tag(String tag, TagHandler handler) {
            tags.put(Symbol.of(tag), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * The handler for tags that have no handler of their own (Clojure's {@code :default});
         * without one an unknown tag is an error. {@link TagHandler#KEEP} keeps them as
         * {@link TaggedLiteral}.
         */
        public Builder defaultTagHandler(TagHandler handler) {
            this.defaultTag = handler;
            return this;
        }

        /** The reader. */
        public EdnReader build() {
            return new EdnReader(this);
        }
    }

    /** One parse: a cursor over the text. */
    private static final class Parser {
        /** Returned by forms that produce no value (comments, discards). */
        private static final Object SKIP = new Object();
        private static final Symbol INST = Symbol.of("inst");
        private static final Symbol UUID_TAG = Symbol.of("uuid");

        private final EdnReader cfg;
        private final String s;
        private final int len;
        private int pos;
        private int depth;

        Parser(EdnReader cfg, String s) {
            this.cfg = cfg;
            this.s = s;
            this.len = s.length();
        }

        Object readTop() {
            Object value;
            try {
                do {
                    skipWhitespace();
                    if (pos >= len) {
                        return null;
                    }
                    value = readForm();
                } while (value == SKIP);
                for (;;) {
                    skipWhitespace();
                    if (pos >= len) {
                        return value;
                    }
                    char c = s.charAt(pos);
                    if (c == ';' || c == '#' && pos + 1 < len && s.charAt(pos + 1) == '_') {
                        readForm();
                    } else {
                        throw error("unexpected data after the top-level value", pos);
                    }
                }
            } catch (StackOverflowError e) {
                throw new SerializationException("EDN nested too deeply for the thread's stack at offset " + pos);
            }
        }

        // ---- characters ----

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r'
                    || (c < 0x80 ? c >= 0x1C && c <= 0x1F || c == 0x0B || c == 0x0C : Character.isWhitespace(c));
        }

        /** {@code " ; ^ ( ) [ ] { } \ #}: the characters with a reader macro. */
        private static boolean isMacro(char c) {
            return c < 128 && MACRO[c];
        }

        private static boolean isTerminatingMacro(char c) {
            return c != '#' && isMacro(c);
        }

        private static final boolean[] MACRO = new boolean[128];

        static {
            for (char c : "\";^()[]{}\\#".toCharArray()) {
                MACRO[c] = true;
            }
        }

        private static final byte CONSTITUENT = 0;
        private static final byte TOKEN_END = 1;
        private static final byte NON_CONSTITUENT = 2;
        /** For ASCII: what the character does to a token (ends it, is part of it, or is an error). */
        private static final byte[] TOKEN_CLASS = new byte[128];

        static {
            for (char c = 0; c < 128; c++) {
                TOKEN_CLASS[c] = isWhitespace(c) || isTerminatingMacro(c) ? TOKEN_END
                    : nonConstituent(c) ? NON_CONSTITUENT : CONSTITUENT;
            }
        }

        private static boolean nonConstituent(char c) {
            return c == '@' || c == '`' || c == '~';
        }

        private void skipWhitespace() {
            while (pos < len && isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        // ---- errors ----

        private SerializationException error(String what, int at) {
            return new SerializationException("invalid EDN: " + what + " at offset " + at);
        }

        private SerializationException eof(String what, int start) {
            return new SerializationException("invalid EDN: end of input while reading " + what
                    + (start >= 0 ? " starting at offset " + start : ""));
        }

        private void enter(int at) {
            if (++depth > cfg.maxDepth) {
                throw error("nesting deeper than " + cfg.maxDepth, at);
            }
        }

        // ---- forms ----

        /** Reads a form that must be there (after a tag, {@code #_}, {@code ^}...). */
        private Object readRequired(String what, int start) {
            enter(start);
            try {
                for (;;) {
                    skipWhitespace();
                    if (pos >= len) {
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

        /** Reads the form at {@code pos} (not whitespace, not end of input); SKIP for no value. */
        private Object readForm() {
            int start = pos;
            char c = s.charAt(pos);
            if (Character.isDigit(c)) {
                return readNumber(start);
            }
            switch (c) {
                case '"':
                    pos++;
                    return readString(start);
                case ';':
                    while (pos < len && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                        pos++;
                    }
                    return SKIP;
                case '^':
                    pos++;
                    return readMeta(start);
                case '(':
                    pos++;
                    return ClojureList.copyOf(readDelimited(')', "list", start));
                case '[':
                    pos++;
                    return readDelimited(']', "vector", start);
                case '{':
                    pos++;
                    return toMap(readDelimited('}', "map", start), start, null);
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
                    if (pos + 1 < len && Character.isDigit(s.charAt(pos + 1))) {
                        return readNumber(start);
                    }
                    break;
                default:
                    break;
            }
            if (c == ':') {
                return readKeyword(start);
            }
            return interpretToken(readToken(true), start);
        }

        /** A token starting with a colon: a known keyword from {@link KeywordCache}, else read and remembered. */
        private Object readKeyword(int start) {
            // scanToken and the cache's hash in one pass over the characters
            int p = start;
            int h = ':';
            while (++p < len && !endsToken(p)) {
                h = 31 * h + s.charAt(p);
            }
            int end = p;
            pos = end;
            Keyword known = KeywordCache.get(s, start, end, h);
            if (known != null) {
                return known;
            }
            String t = s.substring(start, end);
            Object o = interpretToken(t, start);
            if (o instanceof Keyword k) {
                KeywordCache.put(t, k);
            }
            return o;
        }

        private ArrayList<Object> readDelimited(char close, String what, int start) {
            enter(start);
            ArrayList<Object> items = new ArrayList<>();
            for (;;) {
                skipWhitespace();
                if (pos >= len) {
                    throw eof(what, start);
                }
                if (s.charAt(pos) == close) {
                    pos++;
                    depth--;
                    return items;
                }
                Object o = readForm();
                if (o != SKIP) {
                    items.add(o);
                }
            }
        }

        private String readToken(boolean leadConstituent) {
            int start = pos;
            return s.substring(start, scanToken(leadConstituent));
        }

        /** Moves past a token; returns its end. */
        private int scanToken(boolean leadConstituent) {
            if (leadConstituent && nonConstituent(s.charAt(pos))) {
                throw error("invalid leading character '" + s.charAt(pos) + "'", pos);
            }
            pos++;
            while (pos < len && !endsToken(pos)) {
                pos++;
            }
            return pos;
        }

        /** Whether the character at {@code p} ends a token; a character no token may hold is an error. */
        private boolean endsToken(int p) {
            char c = s.charAt(p);
            if (c >= 128) {
                return Character.isWhitespace(c);
            }
            byte kind = TOKEN_CLASS[c];
            if (kind == NON_CONSTITUENT) {
                throw error("invalid constituent character '" + c + "'", p);
            }
            return kind == TOKEN_END;
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
            while (pos < len) {
                char c = s.charAt(pos);
                if (isWhitespace(c) || isMacro(c)) {
                    break;
                }
                pos++;
            }
            if (pos - start > cfg.maxNumberLength) {
                throw error("number of " + (pos - start) + " characters exceeds the limit of " + cfg.maxNumberLength
                    + " characters (maxNumberLength)", start);
            }
            String t = s.substring(start, pos);
            Object n = Tokens.number(t);
            if (n == null) {
                throw error("invalid number '" + t + "'", start);
            }
            if (n instanceof String msg) {
                throw error(msg + " in number '" + t + "'", start);
            }
            return n;
        }

        private String readString(int start) {
            int i = pos;
            while (i < len) {
                char c = s.charAt(i);
                if (c == '"') {
                    String out = s.substring(pos, i);
                    pos = i + 1;
                    return out;
                }
                if (c == '\\') {
                    break;
                }
                i++;
            }
            StringBuilder sb = new StringBuilder(i - pos + 16);
            sb.append(s, pos, i);
            pos = i;
            for (;;) {
                if (pos >= len) {
                    throw eof("string", start);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= len) {
                    throw eof("string", start);
                }
                int escAt = pos - 1;
                c = s.charAt(pos++);
                switch (c) {
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'n' -> sb.append('\n');
                    case '\\', '"' -> sb.append(c);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos >= len) {
                            throw eof("string", start);
                        }
                        if (Character.digit(s.charAt(pos), 16) < 0) {
                            throw error("invalid unicode escape \\u" + s.charAt(pos), escAt);
                        }
                        sb.append((char) readEscapeDigits(16, 4, true, escAt));
                    }
                    default -> {
                        if (!Character.isDigit(c)) {
                            throw error("unsupported escape character \\" + c, escAt);
                        }
                        pos--;
                        int v = readEscapeDigits(8, 3, false, escAt);
                        if (v > 0377) {
                            throw error("octal escape out of range [0, 377]", escAt);
                        }
                        sb.append((char) v);
                    }
                }
            }
        }

        /** Up to {@code length} digits, stopping early at whitespace or a macro character. */
        private int readEscapeDigits(int base, int length, boolean exact, int escAt) {
            int value = 0;
            int i = 0;
            for (; i < length && pos < len; i++) {
                char c = s.charAt(pos);
                if (i > 0 && (isWhitespace(c) || isMacro(c))) {
                    break;
                }
                int d = Character.digit(c, base);
                if (d < 0) {
                    throw error("invalid digit '" + c + "' in escape", escAt);
                }
                value = value * base + d;
                pos++;
            }
            if (i != length && exact) {
                if (pos >= len) {
                    throw eof("string", escAt);
                }
                throw error("unicode escape needs " + length + " digits, has " + i, escAt);
            }
            return value;
        }

        private Character readCharacter(int start) {
            if (pos >= len) {
                throw eof("character", start);
            }
            String t = readToken(false);
            if (t.length() == 1) {
                return t.charAt(0);
            }
            switch (t) {
                case "newline":
                    return '\n';
                case "space":
                    return ' ';
                case "tab":
                    return '\t';
                case "backspace":
                    return '\b';
                case "formfeed":
                    return '\f';
                case "return":
                    return '\r';
                default:
                    break;
            }
            if (t.charAt(0) == 'u') {
                int c = tokenDigits(t, 4, 16, start);
                if (c >= 0xD800 && c <= 0xDFFF) {
                    throw error("invalid character constant \\u" + Integer.toString(c, 16) + " (surrogate)", start);
                }
                return (char) c;
            }
            if (t.charAt(0) == 'o') {
                int n = t.length() - 1;
                if (n > 3) {
                    throw error("octal character needs at most 3 digits: \\" + t, start);
                }
                int c = tokenDigits(t, n, 8, start);
                if (c > 0377) {
                    throw error("octal character out of range [0, 377]: \\" + t, start);
                }
                return (char) c;
            }
            throw error("unsupported character \\" + t, start);
        }

        private int tokenDigits(String t, int n, int base, int start) {
            if (t.length() != n + 1) {
                throw error("invalid unicode character \\" + t, start);
            }
            int v = 0;
            for (int i = 1; i <= n; i++) {
                int d = Character.digit(t.charAt(i), base);
                if (d < 0) {
                    throw error("invalid digit '" + t.charAt(i) + "' in character \\" + t, start);
                }
                v = v * base + d;
            }
            return v;
        }

        private Object readDispatch(int start) {
            if (pos >= len) {
                throw eof("dispatch form", start);
            }
            char c = s.charAt(pos);
            switch (c) {
                case '^':
                    pos++;
                    return readMeta(start);
                case '{':
                    pos++;
                    return toSet(readDelimited('}', "set", start), start);
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
            if (pos >= len) {
                throw eof("namespaced map", start);
            }
            if (s.charAt(pos) != '{') {
                throw error("namespaced map must specify a map", pos);
            }
            int open = pos++;
            return toMap(readDelimited('}', "map", open), start, sym.name());
        }

        private Object readTagged(int start) {
            Object name = readRequired("tag", start);
            if (!(name instanceof Symbol tag)) {
                throw error("reader tag must be a symbol", start);
            }
            Object form = readRequired("form after tag #" + tag, start);
            TagHandler h = cfg.tags.get(tag);
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
                if (cfg.defaultTag != null) {
                    return cfg.defaultTag.read(tag, form);
                }
            } catch (SerializationException e) {
                throw new SerializationException("invalid EDN: " + e.getMessage() + " at offset " + start, e);
            } catch (RuntimeException e) {
                throw new SerializationException("invalid EDN: cannot read #" + tag + " " + form
                        + " at offset " + start + ": " + e, e);
            }
            throw error("no reader function for tag #" + tag, start);
        }

        // ---- collections ----

        private Map<Object, Object> toMap(List<Object> items, int start, String ns) {
            int n = items.size();
            if ((n & 1) == 1) {
                throw error((ns == null ? "map" : "namespaced map") + " literal must contain an even number of forms", start);
            }
            LinkedHashMap<Object, Object> map = new LinkedHashMap<>(n);
            Set<Object> equiv = null;
            for (int i = 0; i < n; i += 2) {
                Object key = items.get(i);
                if (ns != null) {
                    key = qualify(key, ns);
                }
                if (map.containsKey(key)) {
                    throw error("duplicate map key " + key, start);
                }
                map.put(key, items.get(i + 1));
                if (!plainEquality(key)) {
                    equiv = checkEquiv(equiv, map.keySet(), key, start);
                }
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

        private Set<Object> toSet(List<Object> items, int start) {
            LinkedHashSet<Object> set = new LinkedHashSet<>(Math.max(4, items.size() * 4 / 3 + 1));
            Set<Object> equiv = null;
            for (Object o : items) {
                if (!set.add(o)) {
                    throw error("duplicate set element " + o, start);
                }
                if (!plainEquality(o)) {
                    equiv = checkEquiv(equiv, set, o, start);
                }
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
}
