package io.slacker.internal.serialization.edn;

import io.slacker.spi.SerializationException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The input of one parse and a cursor over it, with the lexical rules of Clojure's EDN reader:
 * character classes, whitespace and comments, tokens, string and character literals, and errors
 * that name the character offset.
 *
 * <p>The input is either a {@link String} or a range of bytes known to be ASCII (see
 * {@link #isAscii}), read in place: its bytes are its characters, so positions and offsets are
 * the same in both, and strings and tokens are copied straight out of the bytes.
 */
abstract class EdnLexer {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The ASCII bytes being read, or null when reading {@link #text}. */
    private final byte[] ascii;
    /** The text being read, or null when reading {@link #ascii}. */
    private final String text;
    /** Where the input starts in {@link #ascii} (0 for text): offsets in messages count from here. */
    private final int base;
    /** Where the input ends (exclusive). */
    final int end;
    /** The cursor. */
    int pos;

    EdnLexer(String text) {
        this.ascii = null;
        this.text = text;
        this.base = 0;
        this.end = text.length();
    }

    /** Reads {@code ascii[offset, offset + length)}, which {@link #isAscii} must have accepted. */
    EdnLexer(byte[] ascii, int offset, int length) {
        this.ascii = ascii;
        this.text = null;
        this.base = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Whether every byte of the range is ASCII (so that it can be read in place). */
    static boolean isAscii(byte[] b, int offset, int length) {
        int i = offset;
        int to = offset + length;
        long bits = 0;
        for (; i + 8 <= to; i += 8) {
            bits |= (long) LONGS.get(b, i);
        }
        for (; i < to; i++) {
            bits |= b[i];
        }
        return (bits & 0x8080808080808080L) == 0;
    }

    /** The character at {@code p}. */
    final char at(int p) {
        return ascii != null ? (char) ascii[p] : text.charAt(p);
    }

    /** The characters {@code [from, to)}. */
    final String slice(int from, int to) {
        return ascii != null ? new String(ascii, from, to - from, StandardCharsets.ISO_8859_1) : text.substring(from, to);
    }

    /** Whether the characters {@code [from, to)} are those of a cached keyword token. */
    final boolean regionEquals(KeywordCache.Entry e, int from, int to) {
        if (ascii != null) {
            byte[] t = e.ascii();
            return t != null && Arrays.equals(ascii, from, to, t, 0, t.length);
        }
        return e.token().length() == to - from && text.regionMatches(from, e.token(), 0, to - from);
    }

    // ---- character classes ----

    static boolean isWhitespace(char c) {
        return c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r'
                || (c < 0x80 ? c >= 0x1C && c <= 0x1F || c == 0x0B || c == 0x0C : Character.isWhitespace(c));
    }

    /** {@code " ; ^ ( ) [ ] { } \ #}: the characters with a reader macro. */
    static boolean isMacro(char c) {
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

    final void skipWhitespace() {
        while (pos < end) {
            char c = at(pos);
            // every ASCII whitespace character but ',' is at most ' '
            if (c > ' ' && c != ',' && c < 0x80 || !isWhitespace(c)) {
                return;
            }
            pos++;
        }
    }

    /** Moves past a comment's text to the end of its line. */
    final void skipComment() {
        while (pos < end && at(pos) != '\n' && at(pos) != '\r') {
            pos++;
        }
    }

    // ---- errors ----

    final SerializationException error(String what, int at) {
        return new SerializationException("invalid EDN: " + what + " at offset " + (at - base));
    }

    final SerializationException eof(String what, int start) {
        return new SerializationException("invalid EDN: end of input while reading " + what
                + (start >= 0 ? " starting at offset " + (start - base) : ""));
    }

    /** The offset of {@code p} in the input, for messages. */
    final int offset(int p) {
        return p - base;
    }

    // ---- tokens ----

    final String readToken(boolean leadConstituent) {
        int start = pos;
        return slice(start, scanToken(leadConstituent));
    }

    /** Moves past a token; returns its end. */
    final int scanToken(boolean leadConstituent) {
        if (leadConstituent && nonConstituent(at(pos))) {
            throw error("invalid leading character '" + at(pos) + "'", pos);
        }
        pos++;
        while (pos < end && !endsToken(pos)) {
            pos++;
        }
        return pos;
    }

    /**
     * Moves past the token that starts at {@code start} (a keyword's colon, taken as a constituent)
     * and returns {@code String.hashCode()} of its text, for {@link KeywordCache}.
     */
    final int scanHashedToken(int start) {
        int p = start;
        int h = at(start);
        if (ascii != null) {
            byte[] b = ascii;
            while (++p < end) {
                int c = b[p] & 0x7F; // ASCII: the mask only tells the compiler the index is in range
                byte kind = TOKEN_CLASS[c];
                if (kind != CONSTITUENT) {
                    if (kind == TOKEN_END) {
                        break;
                    }
                    endsToken(p); // throws
                }
                h = 31 * h + c;
            }
        } else {
            while (++p < end && !endsToken(p)) {
                h = 31 * h + text.charAt(p);
            }
        }
        pos = p;
        return h;
    }

    /**
     * The cached keyword whose token starts at {@code start}, found by its prefix key without
     * scanning for the token's end (ASCII input only), with {@code pos} moved past it; else null.
     */
    final KeywordCache.Entry keywordByPrefix(int start) {
        if (ascii == null || start + 8 > end) {
            return null;
        }
        byte[] b = ascii;
        long w = (long) LONGS.get(b, start);
        // cut at the first byte below '!' (exact for ASCII): where a token followed by whitespace ends
        long low = (w - 0x2121212121212121L) & ~w & 0x8080808080808080L;
        long key = low == 0 ? w : w & (1L << (Long.numberOfTrailingZeros(low) & ~7)) - 1;
        KeywordCache.Entry e = KeywordCache.byPrefix(key);
        if (e == null || e.prefix() != key) {
            return null;
        }
        int n = e.length();
        int after = start + n;
        if (after > end || after < end && TOKEN_CLASS[b[after] & 0x7F] != TOKEN_END
                || n > 8 && !Arrays.equals(b, start + 8, after, e.ascii(), 8, n)) {
            return null;
        }
        pos = after;
        return e;
    }

    /** Whether the character at {@code p} ends a token; a character no token may hold is an error. */
    final boolean endsToken(int p) {
        char c = at(p);
        if (c >= 128) {
            return Character.isWhitespace(c);
        }
        byte kind = TOKEN_CLASS[c];
        if (kind == NON_CONSTITUENT) {
            throw error("invalid constituent character '" + c + "'", p);
        }
        return kind == TOKEN_END;
    }

    // ---- string and character literals ----

    /** The string literal whose opening quote is at {@code start}; {@code pos} is after the quote. */
    final String readString(int start) {
        int i = plainRun(pos);
        if (i < end && at(i) == '"') {
            String out = slice(pos, i);
            pos = i + 1;
            return out;
        }
        return readEscapedString(start, i);
    }

    /** The rest of a string literal with escapes (or no end), from {@code pos}; {@code i} is where the plain run ends. */
    private String readEscapedString(int start, int i) {
        StringBuilder sb = new StringBuilder(i - pos + 16);
        for (; pos < i; pos++) {
            sb.append(at(pos));
        }
        for (;;) {
            if (pos >= end) {
                throw eof("string", start);
            }
            char c = at(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= end) {
                throw eof("string", start);
            }
            int escAt = pos - 1;
            c = at(pos++);
            switch (c) {
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                case '\\', '"' -> sb.append(c);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos >= end) {
                        throw eof("string", start);
                    }
                    if (Character.digit(at(pos), 16) < 0) {
                        throw error("invalid unicode escape \\u" + at(pos), escAt);
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

    /** The end of the run of characters from {@code i} that stand for themselves in a string: the next quote or backslash. */
    private int plainRun(int i) {
        if (ascii != null) {
            byte[] b = ascii;
            // eight bytes at a time: flag the bytes equal to '"' or '\\' (exact for ASCII; the
            // lowest flag is the first match)
            for (; i + 8 <= end; i += 8) {
                long w = (long) LONGS.get(b, i);
                long q = w ^ 0x2222222222222222L;
                long s = w ^ 0x5C5C5C5C5C5C5C5CL;
                long hit = ((q - 0x0101010101010101L) & ~q | (s - 0x0101010101010101L) & ~s) & 0x8080808080808080L;
                if (hit != 0) {
                    return i + (Long.numberOfTrailingZeros(hit) >>> 3);
                }
            }
            while (i < end && b[i] != '"' && b[i] != '\\') {
                i++;
            }
        } else {
            String t = text;
            while (i < end && t.charAt(i) != '"' && t.charAt(i) != '\\') {
                i++;
            }
        }
        return i;
    }

    /** Up to {@code length} digits, stopping early at whitespace or a macro character. */
    private int readEscapeDigits(int radix, int length, boolean exact, int escAt) {
        int value = 0;
        int i = 0;
        for (; i < length && pos < end; i++) {
            char c = at(pos);
            if (i > 0 && (isWhitespace(c) || isMacro(c))) {
                break;
            }
            int d = Character.digit(c, radix);
            if (d < 0) {
                throw error("invalid digit '" + c + "' in escape", escAt);
            }
            value = value * radix + d;
            pos++;
        }
        if (i != length && exact) {
            if (pos >= end) {
                throw eof("string", escAt);
            }
            throw error("unicode escape needs " + length + " digits, has " + i, escAt);
        }
        return value;
    }

    /** The character literal whose backslash is at {@code start}; {@code pos} is after it. */
    final Character readCharacter(int start) {
        if (pos >= end) {
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

    private int tokenDigits(String t, int n, int radix, int start) {
        if (t.length() != n + 1) {
            throw error("invalid unicode character \\" + t, start);
        }
        int v = 0;
        for (int i = 1; i <= n; i++) {
            int d = Character.digit(t.charAt(i), radix);
            if (d < 0) {
                throw error("invalid digit '" + t.charAt(i) + "' in character \\" + t, start);
            }
            v = v * radix + d;
        }
        return v;
    }
}
