package io.slacker.internal.serialization.transit;

import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import java.util.Arrays;

/**
 * Cheap structural checks run before transit-java sees the bytes, so that its recursive parsers
 * never meet nesting deeper than the limit, msgpack headers never declare more data than there is
 * (which could make the unpacker allocate for a length it will never read), and no number (JSON
 * number, or {@code ~n}, {@code ~f}, {@code ~i}, {@code ~d} string rep) is longer than the limit:
 * turning one into a big number costs more than linear time, and transit-java's own handlers for
 * {@code ~i} and {@code ~d} cannot be replaced.
 */
final class InputGuard {
    /** Levels of the msgpack walk's stack before it first grows. */
    private static final int INITIAL_STACK = 16;

    private InputGuard() {
    }

    /**
     * JSON: container nesting within {@code maxDepth}, number literals within
     * {@code maxNumberLength} characters; after a top-level container only whitespace.
     */
    static void checkJson(byte[] in, int maxDepth, int maxNumberLength) {
        int depth = 0;
        int numberRun = 0;
        boolean inString = false;
        int stringStart = 0;
        boolean closed = false;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                    checkNumberRep(in, stringStart, i - stringStart, maxNumberLength, "transit-json");
                }
                continue;
            }
            if (closed) {
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    throw new SerializationException("transit-json: trailing data after the value at offset " + i);
                }
                continue;
            }
            if (isNumberChar(b)) {
                if (++numberRun > maxNumberLength) {
                    NumberLimit.checkLength(numberRun, maxNumberLength, "transit-json");
                }
                continue;
            }
            numberRun = 0;
            switch (b) {
                case '"' -> {
                    inString = true;
                    stringStart = i + 1;
                }
                case '[', '{' -> {
                    if (++depth > maxDepth) {
                        throw new SerializationException("transit-json: nesting deeper than " + maxDepth + " levels");
                    }
                }
                case ']', '}' -> {
                    if (--depth < 0) {
                        throw new SerializationException("transit-json: unbalanced '" + (char) b + "' at offset " + i);
                    }
                    closed = depth == 0;
                }
                default -> {
                }
            }
        }
        if (inString || depth != 0) {
            throw new SerializationException("transit-json: truncated input");
        }
    }

    /**
     * msgpack: walks every header without recursion; each declared length must fit in the bytes
     * left, nesting stays within {@code maxDepth}, exactly one value fills the input, and only the
     * types transit uses (no bin/ext, which the msgpack 0.6 unpacker does not know) appear.
     */
    static void checkMsgpack(byte[] in, int maxDepth, int maxNumberLength) {
        // grown on demand: a stack sized for maxDepth up front costs more than checking a small value
        long[] remaining = new long[Math.min(maxDepth + 1, INITIAL_STACK)];
        int top = 0;
        remaining[0] = 1;
        int pos = 0;
        int end = in.length;
        while (top >= 0) {
            if (remaining[top] == 0) {
                top--;
                continue;
            }
            remaining[top]--;
            if (pos >= end) {
                throw truncated();
            }
            int b = in[pos++] & 0xff;
            long skip = 0;
            long children = -1;
            if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
                skip = 0;
            } else if (b >= 0x80 && b <= 0x8f) {
                children = 2L * (b & 0x0f);
            } else if (b >= 0x90 && b <= 0x9f) {
                children = b & 0x0f;
            } else if (b >= 0xa0 && b <= 0xbf) {
                skip = b & 0x1f;
            } else {
                switch (b) {
                    case 0xca -> skip = 4;
                    case 0xcb -> skip = 8;
                    case 0xcc, 0xd0 -> skip = 1;
                    case 0xcd, 0xd1 -> skip = 2;
                    case 0xce, 0xd2 -> skip = 4;
                    case 0xcf, 0xd3 -> skip = 8;
                    case 0xd9 -> {
                        skip = uint(in, pos, 1, end);
                        pos += 1;
                    }
                    case 0xda -> {
                        skip = uint(in, pos, 2, end);
                        pos += 2;
                    }
                    case 0xdb -> {
                        skip = uint(in, pos, 4, end);
                        pos += 4;
                    }
                    case 0xdc -> {
                        children = uint(in, pos, 2, end);
                        pos += 2;
                    }
                    case 0xdd -> {
                        children = uint(in, pos, 4, end);
                        pos += 4;
                    }
                    case 0xde -> {
                        children = 2 * uint(in, pos, 2, end);
                        pos += 2;
                    }
                    case 0xdf -> {
                        children = 2 * uint(in, pos, 4, end);
                        pos += 4;
                    }
                    default -> throw new SerializationException(
                            "transit-msgpack: unsupported msgpack type byte 0x" + Integer.toHexString(b) + " at offset "
                                    + (pos - 1));
                }
            }
            if (skip > end - pos) {
                throw new SerializationException("transit-msgpack: declared length " + skip + " at offset " + pos
                        + " exceeds the " + (end - pos) + " bytes left");
            }
            if (skip > 2) {
                checkNumberRep(in, pos, (int) skip, maxNumberLength, "transit-msgpack");
            }
            pos += (int) skip;
            if (children > 0) {
                if (children > end - pos) {
                    throw new SerializationException("transit-msgpack: declared " + children + " items at offset "
                            + pos + " but only " + (end - pos) + " bytes left");
                }
                if (top + 1 > maxDepth) {
                    throw new SerializationException("transit-msgpack: nesting deeper than " + maxDepth + " levels");
                }
                if (++top == remaining.length) {
                    remaining = Arrays.copyOf(remaining, Math.min(maxDepth + 1, 2 * remaining.length));
                }
                remaining[top] = children;
            }
        }
        if (pos != end) {
            throw new SerializationException("transit-msgpack: " + (end - pos) + " trailing bytes after the value");
        }
    }

    /**
     * A string of {@code length} bytes at {@code start}: if a number rep, within the limit. JSON
     * strings may spell the first two characters as {@code \\uXXXX} escapes; they count too.
     */
    private static void checkNumberRep(byte[] in, int start, int length, int maxNumberLength, String format) {
        if (length - 2 <= maxNumberLength) {
            return;
        }
        int end = start + length;
        int second = next(in, start, end);
        if (second < 0 || charAt(in, start, end) != '~') {
            return;
        }
        int tag = charAt(in, second, end);
        int digits = next(in, second, end);
        if (digits > 0 && (tag == 'n' || tag == 'f' || tag == 'i' || tag == 'd')) {
            NumberLimit.checkLength(end - digits, maxNumberLength, format);
        }
    }

    /** The character at {@code i}, decoding a JSON {@code \\uXXXX} escape; -1 if none. */
    private static int charAt(byte[] in, int i, int end) {
        if (i >= end) {
            return -1;
        }
        if (in[i] == '\\' && i + 5 < end && in[i + 1] == 'u') {
            try {
                return Integer.parseInt(new String(in, i + 2, 4, java.nio.charset.StandardCharsets.US_ASCII), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return in[i];
    }

    /** The index after the character at {@code i}; -1 past the end. */
    private static int next(byte[] in, int i, int end) {
        int n = i < end && in[i] == '\\' && i + 5 < end && in[i + 1] == 'u' ? i + 6 : i + 1;
        return n < end ? n : -1;
    }

    private static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private static long uint(byte[] in, int pos, int n, int end) {
        if (n > end - pos) {
            throw truncated();
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (in[pos + i] & 0xff);
        }
        return v;
    }

    private static SerializationException truncated() {
        return new SerializationException("transit-msgpack: truncated input");
    }
}
