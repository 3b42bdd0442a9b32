package io.slacker.internal.serialization.nippy;

import static io.slacker.internal.serialization.nippy.NippyIds.*;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one nippy value from a byte array into the data model. Every length is checked against
 * the bytes left before anything is allocated, and nesting is bounded, so hostile input ends in a
 * {@link SerializationException}. Not thread-safe.
 */
final class NippyReader {
    private final byte[] in;
    private final int end;
    private final int maxDepth;
    private final int maxNumberLength;
    private int pos;
    private int depth;
    private Map<Integer, Object> cache;

    NippyReader(byte[] in, int offset, int end, int maxDepth, int maxNumberLength) {
        this.maxNumberLength = maxNumberLength;
        this.in = in;
        this.pos = offset;
        this.end = end;
        this.maxDepth = maxDepth;
    }

    /** Reads the single value that must fill the input exactly. */
    Object readAll() {
        Object v = read();
        if (pos != end) {
            throw new SerializationException("nippy: " + (end - pos) + " trailing bytes after the value");
        }
        return v;
    }

    // ---- primitive input, big-endian like DataInput

    private void need(long n) {
        if (n > end - pos) {
            throw new SerializationException("nippy: truncated input (need " + n + " bytes at offset " + pos
                    + ", " + (end - pos) + " left)");
        }
    }

    private int u8() {
        need(1);
        return in[pos++] & 0xff;
    }

    private int s8() {
        need(1);
        return in[pos++];
    }

    private int s16() {
        need(2);
        int v = (short) (((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    private int s32() {
        need(4);
        int v = ((in[pos] & 0xff) << 24) | ((in[pos + 1] & 0xff) << 16) | ((in[pos + 2] & 0xff) << 8)
                | (in[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long s64() {
        long hi = s32();
        long lo = s32() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** A byte count: non-negative and not more than the bytes left. */
    private int byteCount(int n) {
        if (n < 0) {
            throw new SerializationException("nippy: negative length " + n + " at offset " + pos);
        }
        need(n);
        return n;
    }

    /** An element count; every element takes at least one byte, so it cannot exceed the bytes left. */
    private int elementCount(int n, int bytesPerElement) {
        if (n < 0) {
            throw new SerializationException("nippy: negative count " + n + " at offset " + pos);
        }
        need((long) n * bytesPerElement);
        return n;
    }

    private byte[] bytes(int n) {
        byteCount(n);
        byte[] b = new byte[n];
        System.arraycopy(in, pos, b, 0, n);
        pos += n;
        return b;
    }

    private String utf8(int n) {
        byteCount(n);
        String s = new String(in, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** DataInput.readUTF: 2-byte length, then modified UTF-8 (nippy's oldest string ids). */
    private String modifiedUtf8() {
        need(2);
        int n = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        need(2L + n);
        try {
            String s = new DataInputStream(new ByteArrayInputStream(in, pos, 2 + n)).readUTF();
            pos += 2 + n;
            return s;
        } catch (IOException e) {
            throw new SerializationException("nippy: malformed modified UTF-8 at offset " + pos, e);
        }
    }

    private BigInteger bigInteger() {
        int n = byteCount(s32());
        if (n == 0) {
            throw new SerializationException("nippy: empty big integer at offset " + pos);
        }
        NumberLimit.checkBytes(n, maxNumberLength, "nippy");
        return new BigInteger(bytes(n));
    }

    private String nestedString() {
        Object s = read();
        if (!(s instanceof String str)) {
            throw new SerializationException("nippy: expected a string, got " + typeName(s));
        }
        return str;
    }

    private static String typeName(Object o) {
        return o == null ? "nil" : o.getClass().getName();
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw new SerializationException("nippy: nesting deeper than " + maxDepth + " levels");
        }
    }

    // ---- values

    Object read() {
        int at = pos;
        int id = s8();
        switch (id) {
            case NIL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case BOOLEAN_DEPR1:
                return s8() != 0;
            case CHAR:
                need(2);
                return (char) s16();

            case BYTE:
                return (long) s8();
            case SHORT:
                return (long) s16();
            case INTEGER:
                return (long) s32();
            case LONG_ZERO:
                return 0L;
            case LONG_SM:
                return (long) s8();
            case LONG_MD:
                return (long) s16();
            case LONG_LG:
                return (long) s32();
            case LONG_XL:
                return s64();

            case BIGINT:
            case BIGINTEGER:
                return bigInteger();
            case FLOAT:
                return (double) Float.intBitsToFloat(s32());
            case DOUBLE_ZERO:
                return 0.0;
            case DOUBLE:
                return Double.longBitsToDouble(s64());
            case BIGDEC: {
                BigInteger unscaled = bigInteger();
                return new BigDecimal(unscaled, s32());
            }
            case RATIO: {
                BigInteger n = bigInteger();
                BigInteger d = bigInteger();
                if (d.signum() == 0) {
                    throw new SerializationException("nippy: ratio with zero denominator");
                }
                return Ratio.of(n, d);
            }

            case DATE:
                return Instant.ofEpochMilli(s64());
            case TIME_INSTANT: {
                long secs = s64();
                int nanos = s32();
                try {
                    return Instant.ofEpochSecond(secs, nanos);
                } catch (RuntimeException e) {
                    throw new SerializationException("nippy: instant out of range", e);
                }
            }
            case TIME_DURATION: {
                long secs = s64();
                return Duration.ofSeconds(secs, s32());
            }
            case TIME_PERIOD: {
                int y = s32();
                int m = s32();
                return Period.of(y, m, s32());
            }
            case NippyIds.UUID: {
                long hi = s64();
                return new UUID(hi, s64());
            }

            case STR_0:
                return "";
            case STR_SM:
                return utf8(s8());
            case STR_MD:
                return utf8(s16());
            case STR_LG:
                return utf8(s32());
            case STR_DEPR1:
                return modifiedUtf8();

            case KW_SM:
                return keyword(utf8(s8()));
            case KW_MD:
                return keyword(utf8(s16()));
            case KW_LG:
            case KW_MD_DEPR1:
                return keyword(utf8(s32()));
            case KW_DEPR1:
                return keyword(modifiedUtf8());
            case SYM_SM:
                return symbol(utf8(s8()));
            case SYM_MD:
                return symbol(utf8(s16()));
            case SYM_LG:
            case SYM_MD_DEPR1:
                return symbol(utf8(s32()));

            case REGEX:
                enter();
                try {
                    return Pattern.compile(nestedString());
                } catch (RuntimeException e) {
                    if (e instanceof SerializationException se) {
                        throw se;
                    }
                    throw new SerializationException("nippy: bad regex", e);
                } finally {
                    depth--;
                }
            case URI:
                enter();
                try {
                    return new java.net.URI(nestedString());
                } catch (java.net.URISyntaxException e) {
                    throw new SerializationException("nippy: bad URI", e);
                } finally {
                    depth--;
                }

            case BYTES_0:
                return new byte[0];
            case BYTES_SM:
                return bytes(s8());
            case BYTES_MD:
                return bytes(s16());
            case BYTES_LG:
                return bytes(s32());

            case VEC_0:
                return new ArrayList<>(0);
            case VEC_2:
                return readList(2);
            case VEC_3:
                return readList(3);
            case VEC_SM:
                return readList(s8());
            case VEC_MD:
                return readList(s16());
            case VEC_LG:
            case OBJECTS_LG:
                return readList(s32());

            case SET_0:
                return new LinkedHashSet<>();
            case SET_SM:
                return readSet(s8());
            case SET_MD:
                return readSet(s16());
            case SET_LG:
            case SORTED_SET:
                return readSet(s32());

            case MAP_0:
                return new LinkedHashMap<>();
            case MAP_SM:
                return readMap(s8());
            case MAP_MD:
                return readMap(s16());
            case MAP_LG:
            case SORTED_MAP:
            case MAP_DEPR1:
                return readMap(s32());
            case MAP_DEPR2:
            case SORTED_MAP_DEPR1: {
                int n = s32();
                if (n < 0 || n % 2 != 0) {
                    throw new SerializationException("nippy: bad map item count " + n);
                }
                return readMap(n / 2);
            }

            case LIST_0:
            case SEQ_0:
                return ClojureList.empty();
            case LIST_SM:
            case SEQ_SM:
                return ClojureList.copyOf(readList(s8()));
            case LIST_MD:
            case SEQ_MD:
                return ClojureList.copyOf(readList(s16()));
            case LIST_LG:
            case SEQ_LG:
            case QUEUE:
                return ClojureList.copyOf(readList(s32()));

            case META: {
                // metadata is read (to skip it) and dropped: the data model has none
                enter();
                read();
                Object v = read();
                depth--;
                return v;
            }

            case CACHED_0:
                return cached(0);
            case CACHED_1:
                return cached(1);
            case CACHED_2:
                return cached(2);
            case CACHED_3:
                return cached(3);
            case CACHED_4:
                return cached(4);
            case CACHED_5:
                return cached(5);
            case CACHED_6:
                return cached(6);
            case CACHED_7:
                return cached(7);
            case CACHED_SM: {
                int idx = s8();
                return cached(idx);
            }
            case CACHED_MD: {
                int idx = s16();
                return cached(idx);
            }

            default:
                // reader (EDN), Serializable, record, type and custom ids: never instantiate a class
                // named by the sender, never run Java deserialization
                pos = at;
                throw new SerializationException("unsupported nippy type id " + id + " at offset " + at);
        }
    }

    private static Keyword keyword(String text) {
        return Keyword.of(text);
    }

    private static Symbol symbol(String text) {
        return Symbol.of(text);
    }

    private List<Object> readList(int count) {
        int n = elementCount(count, 1);
        enter();
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read());
        }
        depth--;
        return out;
    }

    private Set<Object> readSet(int count) {
        int n = elementCount(count, 1);
        enter();
        Set<Object> out = new LinkedHashSet<>(Math.max(16, (int) (n / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            out.add(read());
        }
        depth--;
        return out;
    }

    private Map<Object, Object> readMap(int count) {
        int n = elementCount(count, 2);
        enter();
        Map<Object, Object> out = new LinkedHashMap<>(Math.max(16, (int) (n / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            Object k = read();
            out.put(k, read());
        }
        depth--;
        return out;
    }

    /** nippy's value cache: the first reference to an index carries the value, later ones reuse it. */
    private Object cached(int idx) {
        if (idx < 0) {
            throw new SerializationException("nippy: negative cache index " + idx);
        }
        if (cache == null) {
            cache = new HashMap<>();
        }
        if (cache.containsKey(idx)) {
            return cache.get(idx);
        }
        enter();
        Object v = read();
        depth--;
        cache.put(idx, v);
        return v;
    }
}
