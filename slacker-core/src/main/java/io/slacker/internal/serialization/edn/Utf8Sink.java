package io.slacker.internal.serialization.edn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that the printer writes UTF-8 into. Not thread-safe; one per print,
 * either new or this thread's reusable one ({@link #acquire()} / {@link #release()}), so that a
 * print does not grow a small buffer step by step.
 */
final class Utf8Sink {
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    /** A thread's sink that grew past this is dropped after use rather than kept. */
    private static final int KEEP_BYTES = 64 * 1024;
    private static final ThreadLocal<Utf8Sink> REUSABLE = ThreadLocal.withInitial(() -> new Utf8Sink(1024));

    private byte[] buf;
    private int len;
    private boolean inUse;

    Utf8Sink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** This thread's reusable sink, empty; a new one when it is in use further up the stack. */
    static Utf8Sink acquire() {
        Utf8Sink sink = REUSABLE.get();
        if (sink.inUse) {
            return new Utf8Sink(256);
        }
        sink.inUse = true;
        sink.len = 0;
        return sink;
    }

    /** Done with a sink from {@link #acquire()}. */
    void release() {
        inUse = false;
        len = 0;
        if (buf.length > KEEP_BYTES) {
            buf = new byte[1024];
        }
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            int want = Math.max(buf.length * 2, len + extra);
            if (want < 0) {
                throw new OutOfMemoryError("EDN output too large");
            }
            buf = Arrays.copyOf(buf, want);
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void writeTwo(int a, int b) {
        ensure(2);
        buf[len++] = (byte) a;
        buf[len++] = (byte) b;
    }

    /** Writes a string that is known to be ASCII (numbers, fixed words). */
    void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) s.charAt(i);
        }
        len = p;
    }

    void writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** Writes a non-negative number zero-padded to at least {@code width} digits. */
    void writeDigits(int value, int width) {
        int digits = 1;
        for (int v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        int n = Math.max(digits, width);
        ensure(n);
        int p = len + n;
        for (int i = 0; i < n; i++) {
            buf[--p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += n;
    }

    /** Writes a long in decimal. */
    void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            writeBytes(MIN_LONG);
            return;
        }
        if (v < 0) {
            writeByte('-');
            v = -v;
        }
        int digits = 1;
        for (long x = v / 10; x != 0; x /= 10) {
            digits++;
        }
        ensure(digits);
        int p = len + digits;
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        len += digits;
    }

    /**
     * Writes one UTF-16 code unit (or, with {@code next}, a surrogate pair) as UTF-8. A lone
     * surrogate becomes {@code '?'}, as {@link String#getBytes} does.
     *
     * @return the number of chars consumed (1 or 2)
     */
    int writeChar(char c, int next) {
        if (c < 0x80) {
            writeByte(c);
            return 1;
        }
        ensure(4);
        if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | c >> 6);
            buf[len++] = (byte) (0x80 | c & 0x3F);
            return 1;
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && next >= 0 && Character.isLowSurrogate((char) next)) {
                int cp = Character.toCodePoint(c, (char) next);
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | cp & 0x3F);
                return 2;
            }
            buf[len++] = '?';
            return 1;
        }
        buf[len++] = (byte) (0xE0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[len++] = (byte) (0x80 | c & 0x3F);
        return 1;
    }

    /** Writes a string as UTF-8 without escaping (symbols, tags). */
    void writeRaw(String s) {
        writeText(s, NO_ESCAPE);
    }

    /**
     * Writes a string literal with the escapes of Clojure's printer: {@code \" \\ \n \t \r \f \b};
     * every other character raw.
     */
    void writeStringLiteral(String s) {
        ensure(s.length() + 2);
        buf[len++] = '"';
        writeText(s, ESCAPE);
        writeByte('"');
    }

    /**
     * Writes a string as UTF-8, ASCII characters with an entry in {@code escapes} as a backslash
     * and that entry.
     */
    private void writeText(String s, byte[] escapes) {
        int n = s.length();
        int i = 0;
        for (;;) {
            ensure(n - i);
            i = copyPlain(s, i, n);
            if (i == n) {
                return;
            }
            char c = s.charAt(i);
            if (c >= 0x80) {
                i += writeChar(c, i + 1 < n ? s.charAt(i + 1) : -1);
            } else if (escapes[c] != 0) {
                writeTwo('\\', escapes[c]);
                i++;
            } else {
                writeByte(c);
                i++;
            }
        }
    }

    /**
     * Copies the characters of {@code s} from {@code from} that are printable ASCII other than
     * {@code "} and {@code \} (written as they are in every context) into the buffer, which has
     * room for them; returns the index of the first other character, or {@code n}.
     */
    private int copyPlain(String s, int from, int n) {
        byte[] b = buf;
        int p = len - from;
        int i = from;
        for (char c; i < n && ((c = s.charAt(i)) >= '#' && c < 0x7F && c != '\\' || c == ' ' || c == '!'); i++) {
            b[p + i] = (byte) c;
        }
        len = p + i;
        return i;
    }

    private static final byte[] NO_ESCAPE = new byte[128];
    private static final byte[] ESCAPE = new byte[128];

    static {
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\t'] = 't';
        ESCAPE['\r'] = 'r';
        ESCAPE['\f'] = 'f';
        ESCAPE['\b'] = 'b';
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
