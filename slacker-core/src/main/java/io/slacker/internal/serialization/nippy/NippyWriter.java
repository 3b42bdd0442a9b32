package io.slacker.internal.serialization.nippy;

import static io.slacker.internal.serialization.nippy.NippyIds.*;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.JavaData;
import io.slacker.spi.SerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Writes one value the way nippy 3.1.1's {@code fast-freeze} does (no header). Not thread-safe. */
final class NippyWriter {
    private final int maxDepth;
    private byte[] buf = new byte[64];
    private int len;
    private int depth;

    NippyWriter(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    // ---- primitive output, big-endian like DataOutput

    private void ensure(int n) {
        if (len + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) len + n);
            if (want > Integer.MAX_VALUE - 8) {
                if ((long) len + n > Integer.MAX_VALUE - 8) {
                    throw new SerializationException("nippy output larger than 2 GiB");
                }
                want = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    private void id(int id) {
        ensure(1);
        buf[len++] = (byte) id;
    }

    private void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    private void i16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void i32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void i64(long v) {
        i32((int) (v >>> 32));
        i32((int) v);
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** Id of the size class of {@code n}, then the count itself. */
    private void sized(int n, int idSm, int idMd, int idLg) {
        if (n <= SM_MAX) {
            id(idSm);
            u8(n);
        } else if (n <= MD_MAX) {
            id(idMd);
            i16(n);
        } else {
            id(idLg);
            i32(n);
        }
    }

    // ---- values

    void write(Object x) {
        if (x == null) {
            id(NIL);
        } else if (x instanceof String s) {
            writeString(s);
        } else if (x instanceof Long l) {
            writeLong(l);
        } else if (x instanceof Keyword k) {
            writeNamed(k.text(), KW_SM, KW_MD, "keyword");
        } else if (x instanceof Boolean b) {
            id(b ? TRUE : FALSE);
        } else if (x instanceof Double d) {
            // nippy tests (zero? x), which holds for -0.0 as well
            if (d == 0.0) {
                id(DOUBLE_ZERO);
            } else {
                id(DOUBLE);
                i64(Double.doubleToRawLongBits(d));
            }
        } else if (x instanceof Map<?, ?> m) {
            writeMap(m);
        } else if (x instanceof ClojureList l) {
            writeColl(l, LIST_0, LIST_SM, LIST_MD, LIST_LG);
        } else if (x instanceof List<?> l) {
            writeVector(l);
        } else if (x instanceof Set<?> s) {
            writeColl(s, SET_0, SET_SM, SET_MD, SET_LG);
        } else if (x instanceof Symbol s) {
            writeNamed(s.toString(), SYM_SM, SYM_MD, "symbol");
        } else if (x instanceof Integer i) {
            id(INTEGER);
            i32(i);
        } else if (x instanceof Short s) {
            id(SHORT);
            i16(s);
        } else if (x instanceof Byte b) {
            id(BYTE);
            u8(b);
        } else if (x instanceof Character c) {
            id(CHAR);
            i16(c);
        } else if (x instanceof Float f) {
            id(FLOAT);
            i32(Float.floatToRawIntBits(f));
        } else if (x instanceof BigInteger b) {
            // Clojure's N (clojure.lang.BigInt) is what the data model's BigInteger stands for
            id(BIGINT);
            writeBigInteger(b);
        } else if (x instanceof BigDecimal b) {
            id(BIGDEC);
            writeBigInteger(b.unscaledValue());
            i32(b.scale());
        } else if (x instanceof Ratio r) {
            id(RATIO);
            writeBigInteger(r.numerator());
            writeBigInteger(r.denominator());
        } else if (x instanceof UUID u) {
            id(NippyIds.UUID);
            i64(u.getMostSignificantBits());
            i64(u.getLeastSignificantBits());
        } else if (x instanceof Instant t) {
            writeInstant(t);
        } else if (x instanceof Date d) {
            id(DATE);
            i64(d.getTime());
        } else if (x instanceof byte[] b) {
            if (b.length == 0) {
                id(BYTES_0);
            } else {
                sized(b.length, BYTES_SM, BYTES_MD, BYTES_LG);
                raw(b);
            }
        } else if (x instanceof Object[] a) {
            writeVector(Arrays.asList(a));
        } else if (x instanceof Collection<?> c) {
            // any other collection is a sequence to Clojure
            writeColl(c, SEQ_0, SEQ_SM, SEQ_MD, SEQ_LG);
        } else if (x instanceof java.net.URI u) {
            id(URI);
            writeString(u.toString());
        } else if (x instanceof Pattern p) {
            id(REGEX);
            writeString(p.toString());
        } else if (x instanceof Duration d) {
            id(TIME_DURATION);
            i64(d.getSeconds());
            i32(d.getNano());
        } else if (x instanceof Period p) {
            id(TIME_PERIOD);
            i32(p.getYears());
            i32(p.getMonths());
            i32(p.getDays());
        } else {
            Object data = JavaData.toData(x);
            if (data == null || data.getClass() == x.getClass()) {
                throw new SerializationException("no nippy form for " + x.getClass().getName());
            }
            write(data);
        }
    }

    private void writeString(String s) {
        if (s.isEmpty()) {
            id(STR_0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sized(b.length, STR_SM, STR_MD, STR_LG);
        raw(b);
    }

    private void writeNamed(String text, int idSm, int idMd, String what) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > MD_MAX) {
            // nippy 3.1.1 refuses these too ("Keyword too long")
            throw new SerializationException(what + " too long for nippy: " + b.length + " bytes");
        }
        sized(b.length, idSm, idMd, -1);
        raw(b);
    }

    private void writeLong(long n) {
        if (n == 0) {
            id(LONG_ZERO);
        } else if (n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE) {
            id(LONG_SM);
            u8((int) n);
        } else if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
            id(LONG_MD);
            i16((int) n);
        } else if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            id(LONG_LG);
            i32((int) n);
        } else {
            id(LONG_XL);
            i64(n);
        }
    }

    private void writeBigInteger(BigInteger b) {
        byte[] bytes = b.toByteArray();
        i32(bytes.length);
        raw(bytes);
    }

    /**
     * Whole-millisecond instants go out as {@code java.util.Date} (what a Clojure {@code #inst} is);
     * finer ones as {@code java.time.Instant}, which keeps the nanoseconds.
     */
    private void writeInstant(Instant t) {
        if (t.getNano() % 1_000_000 == 0) {
            try {
                long ms = t.toEpochMilli();
                id(DATE);
                i64(ms);
                return;
            } catch (ArithmeticException outOfRange) {
                // falls through to the exact form
            }
        }
        id(TIME_INSTANT);
        i64(t.getEpochSecond());
        i32(t.getNano());
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw new SerializationException("nesting deeper than " + maxDepth + " levels");
        }
    }

    private void writeVector(List<?> v) {
        int n = v.size();
        if (n == 0) {
            id(VEC_0);
            return;
        }
        if (n == 2) {
            id(VEC_2);
        } else if (n == 3) {
            id(VEC_3);
        } else {
            sized(n, VEC_SM, VEC_MD, VEC_LG);
        }
        enter();
        int written = 0;
        if (v instanceof RandomAccess) {
            for (int i = 0; i < n; i++) {
                write(v.get(i));
                written++;
            }
        } else {
            for (Object o : v) {
                write(o);
                written++;
            }
        }
        checkCount(n, written);
        depth--;
    }

    private void writeColl(Collection<?> c, int id0, int idSm, int idMd, int idLg) {
        int n = c.size();
        if (n == 0) {
            id(id0);
            return;
        }
        sized(n, idSm, idMd, idLg);
        enter();
        int written = 0;
        for (Object o : c) {
            write(o);
            written++;
        }
        checkCount(n, written);
        depth--;
    }

    private void writeMap(Map<?, ?> m) {
        int n = m.size();
        if (n == 0) {
            id(MAP_0);
            return;
        }
        sized(n, MAP_SM, MAP_MD, MAP_LG);
        enter();
        int written = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            write(e.getKey());
            write(e.getValue());
            written++;
        }
        checkCount(n, written);
        depth--;
    }

    private static void checkCount(int declared, int written) {
        if (declared != written) {
            throw new SerializationException("collection changed while being written");
        }
    }
}
