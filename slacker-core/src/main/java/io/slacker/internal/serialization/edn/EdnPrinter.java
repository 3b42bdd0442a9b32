package io.slacker.internal.serialization.edn;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.JavaData;
import io.slacker.spi.SerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Writes values as EDN text, byte for byte as Clojure's {@code pr-str} writes the corresponding
 * Clojure values.
 *
 * <ul>
 *   <li>{@code null} {@code nil}; booleans; {@link Long}, {@link Integer}, {@link Short},
 *       {@link Byte}, {@link AtomicLong}, {@link AtomicInteger} as integers; {@link BigInteger}
 *       {@code 123N}; {@link Double} as {@link Double#toString} ({@code ##Inf}, {@code ##-Inf},
 *       {@code ##NaN}); {@link Float} as {@link Float#toString} (Clojure prints a Float so, and
 *       it reads back as the double with the same digits); {@link BigDecimal} {@code 1.50M};
 *       {@link Ratio} {@code 1/3} (one with denominator 1 prints as {@code n/1}, which reads
 *       back as an integer).
 *   <li>Strings in quotes with {@code \" \\ \n \t \r \f \b} escaped and everything else raw
 *       UTF-8; characters as {@code \a}, {@code \newline}, {@code \space}, {@code \tab},
 *       {@code \backspace}, {@code \formfeed}, {@code \return}, anything else raw. An unpaired
 *       surrogate becomes {@code ?}, as Java's UTF-8 encoder (and so Clojure's output) does.
 *   <li>{@link Keyword}, {@link Symbol}; {@link ClojureList} {@code (1 2)}; any other
 *       {@link Collection} and every array {@code [1 2]}; {@link Set} {@code #{1 2}}; {@link Map}
 *       {@code {:a 1, :b 2}}; {@link Map.Entry} {@code [k v]}; all in iteration order.
 *   <li>{@link Date} and {@link Instant} {@code #inst "2020-01-02T03:04:05.678-00:00"} (UTC,
 *       milliseconds, the hybrid Julian/Gregorian calendar of {@code java.util.Date}). Clojure's
 *       reader keeps milliseconds only, so an {@link Instant} with a finer fraction is rounded to
 *       the nearest millisecond (half up): the closest value the other side can read. An
 *       {@link Instant} beyond the millisecond range of {@link Date} is an error; years outside
 *       0001–9999 print as Clojure prints them, which no EDN reader reads back.
 *   <li>{@link UUID} {@code #uuid "..."}; {@link TaggedLiteral} {@code #tag form}.
 *   <li>Anything else goes through {@link JavaData#toData} (enums, records), which throws
 *       {@link SerializationException} for types without a data form.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EdnPrinter {
    private static final EdnPrinter STANDARD = new EdnPrinter(EdnReader.DEFAULT_MAX_DEPTH);

    private static final byte[] NIL = ascii("nil");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] INF = ascii("##Inf");
    private static final byte[] NEG_INF = ascii("##-Inf");
    private static final byte[] NAN = ascii("##NaN");
    private static final byte[] INST = ascii("#inst \"");
    private static final byte[] UUID_TAG = ascii("#uuid \"");

    private final int maxDepth;

    private EdnPrinter(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** A printer with the default depth limit (512, as {@link EdnReader}). */
    public static EdnPrinter standard() {
        return STANDARD;
    }

    /**
     * A printer that refuses values nested deeper than this (which also stops cyclic structures).
     */
    public static EdnPrinter withMaxDepth(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
        return new EdnPrinter(maxDepth);
    }

    /**
     * The EDN text of a value.
     *
     * @throws SerializationException when the value (or a part) has no EDN form
     */
    public String print(Object value) {
        return write(value).toString();
    }

    /**
     * The EDN text of a value, as UTF-8 bytes.
     *
     * @throws SerializationException when the value (or a part) has no EDN form
     */
    public byte[] printUtf8(Object value) {
        Utf8Sink out = Utf8Sink.acquire();
        try {
            write(value, out, 0);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    private Utf8Sink write(Object value) {
        Utf8Sink out = new Utf8Sink(64);
        write(value, out, 0);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void write(Object v, Utf8Sink out, int depth) {
        if (v == null) {
            out.writeBytes(NIL);
        } else if (v instanceof String s) {
            out.writeStringLiteral(s);
        } else if (v instanceof Keyword k) {
            out.writeBytes(KeywordCache.printed(k));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.writeLong(((Number) v).longValue());
        } else if (v instanceof Map<?, ?> m) {
            writeMap(m, out, depth);
        } else if (v instanceof Collection<?> c) {
            writeCollection(c, out, depth);
        } else if (v instanceof Boolean b) {
            out.writeBytes(b ? TRUE : FALSE);
        } else if (v instanceof Double d) {
            writeDouble(d, out);
        } else if (v instanceof Symbol sym) {
            out.writeRaw(sym.toString());
        } else if (v instanceof Character c) {
            writeCharacter(c, out);
        } else if (v instanceof BigInteger b) {
            out.writeAscii(b.toString());
            out.writeByte('N');
        } else if (v instanceof BigDecimal b) {
            out.writeAscii(b.toString());
            out.writeByte('M');
        } else if (v instanceof Ratio r) {
            out.writeAscii(r.numerator().toString());
            out.writeByte('/');
            out.writeAscii(r.denominator().toString());
        } else if (v instanceof Float f) {
            writeFloat(f, out);
        } else if (v instanceof Instant i) {
            writeInst(millisOf(i), out);
        } else if (v instanceof Date d) {
            writeInst(d.getTime(), out);
        } else if (v instanceof UUID u) {
            out.writeBytes(UUID_TAG);
            out.writeAscii(u.toString());
            out.writeByte('"');
        } else if (v instanceof AtomicLong || v instanceof AtomicInteger) {
            out.writeLong(((Number) v).longValue());
        } else if (v.getClass().isArray()) {
            writeArray(v, out, depth);
        } else if (v instanceof Map.Entry<?, ?> e) {
            checkDepth(depth);
            out.writeByte('[');
            write(e.getKey(), out, depth + 1);
            out.writeByte(' ');
            write(e.getValue(), out, depth + 1);
            out.writeByte(']');
        } else if (v instanceof TaggedLiteral t) {
            checkDepth(depth);
            out.writeByte('#');
            out.writeRaw(t.tag().toString());
            out.writeByte(' ');
            write(t.form(), out, depth + 1);
        } else {
            checkDepth(depth);
            write(JavaData.toData(v), out, depth + 1);
        }
    }

    private void checkDepth(int depth) {
        if (depth >= maxDepth) {
            throw new SerializationException("value nested deeper than " + maxDepth + " (or cyclic)");
        }
    }

    private void writeMap(Map<?, ?> m, Utf8Sink out, int depth) {
        checkDepth(depth);
        out.writeByte('{');
        // forEach, not entrySet(): no iterator, and no entry wrappers (unmodifiable maps make one per entry)
        m.forEach(new EntryWriter(out, depth + 1));
        out.writeByte('}');
    }

    /** Writes a map's entries as {@code k v, k v}. */
    private final class EntryWriter implements BiConsumer<Object, Object> {
        private final Utf8Sink out;
        private final int depth;
        private boolean first = true;

        EntryWriter(Utf8Sink out, int depth) {
            this.out = out;
            this.depth = depth;
        }

        @Override
        public void accept(Object key, Object value) {
            if (!first) {
                out.writeTwo(',', ' ');
            }
            first = false;
            write(key, out, depth);
            out.writeByte(' ');
            write(value, out, depth);
        }
    }

    private void writeCollection(Collection<?> c, Utf8Sink out, int depth) {
        checkDepth(depth);
        int close;
        if (c instanceof ClojureList) {
            out.writeByte('(');
            close = ')';
        } else if (c instanceof Set) {
            out.writeTwo('#', '{');
            close = '}';
        } else {
            out.writeByte('[');
            close = ']';
        }
        if (c instanceof List<?> l && c instanceof RandomAccess) {
            for (int i = 0, n = l.size(); i < n; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                write(l.get(i), out, depth + 1);
            }
        } else {
            Iterator<?> it = c.iterator();
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    out.writeByte(' ');
                }
                first = false;
                write(it.next(), out, depth + 1);
            }
        }
        out.writeByte(close);
    }

    private void writeArray(Object a, Utf8Sink out, int depth) {
        checkDepth(depth);
        out.writeByte('[');
        if (a instanceof Object[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                write(arr[i], out, depth + 1);
            }
        } else if (a instanceof long[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                out.writeLong(arr[i]);
            }
        } else if (a instanceof int[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                out.writeLong(arr[i]);
            }
        } else if (a instanceof byte[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                out.writeLong(arr[i]);
            }
        } else if (a instanceof short[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                out.writeLong(arr[i]);
            }
        } else if (a instanceof double[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                writeDouble(arr[i], out);
            }
        } else if (a instanceof float[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                writeFloat(arr[i], out);
            }
        } else if (a instanceof char[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                writeCharacter(arr[i], out);
            }
        } else if (a instanceof boolean[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                out.writeBytes(arr[i] ? TRUE : FALSE);
            }
        }
        out.writeByte(']');
    }

    private static void writeDouble(double d, Utf8Sink out) {
        if (Double.isNaN(d)) {
            out.writeBytes(NAN);
        } else if (Double.isInfinite(d)) {
            out.writeBytes(d > 0 ? INF : NEG_INF);
        } else {
            out.writeAscii(Double.toString(d));
        }
    }

    private static void writeFloat(float f, Utf8Sink out) {
        if (Float.isNaN(f)) {
            out.writeBytes(NAN);
        } else if (Float.isInfinite(f)) {
            out.writeBytes(f > 0 ? INF : NEG_INF);
        } else {
            out.writeAscii(Float.toString(f));
        }
    }

    private static void writeCharacter(char c, Utf8Sink out) {
        out.writeByte('\\');
        switch (c) {
            case '\n' -> out.writeAscii("newline");
            case ' ' -> out.writeAscii("space");
            case '\t' -> out.writeAscii("tab");
            case '\b' -> out.writeAscii("backspace");
            case '\f' -> out.writeAscii("formfeed");
            case '\r' -> out.writeAscii("return");
            default -> out.writeChar(c, -1);
        }
    }

    private static void writeInst(long millis, Utf8Sink out) {
        out.writeBytes(INST);
        InstantText.format(millis, out);
        out.writeByte('"');
    }

    /** The epoch milliseconds nearest to an instant (half up). */
    private static long millisOf(Instant i) {
        try {
            long ms = Math.multiplyExact(i.getEpochSecond(), 1000L);
            int nanos = i.getNano();
            return Math.addExact(ms, (nanos + 500_000) / 1_000_000);
        } catch (ArithmeticException e) {
            throw new SerializationException("instant out of the millisecond range of #inst: " + i);
        }
    }
}
