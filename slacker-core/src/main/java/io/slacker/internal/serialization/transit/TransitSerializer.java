package io.slacker.internal.serialization.transit;

import com.cognitect.transit.ArrayReader;
import com.cognitect.transit.MapReader;
import com.cognitect.transit.ReadHandler;
import com.cognitect.transit.TaggedValue;
import com.cognitect.transit.TransitFactory;
import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.JavaData;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * transit-json (content type 4) and transit-msgpack (5), on transit-java, with the handlers
 * transit-clj uses so that the bytes match the Clojure slacker's.
 *
 * <p><b>Writing</b>: {@link Keyword} {@code "~:"}, {@link Symbol} {@code "~$"}, {@link Ratio}
 * {@code ["~#ratio", [n, d]]} (as big integers), {@link ClojureList} and other non-list
 * collections {@code ["~#list", [...]]}, lists and arrays as transit arrays, sets
 * {@code "~#set"}, maps as transit maps (composite keys as {@code "~#cmap"}), {@code Instant}
 * and {@code Date} as {@code "m"} (milliseconds; finer precision is dropped, transit has none),
 * plus transit-java's own handling of numbers, strings, chars, UUIDs, byte arrays. A scalar at
 * the top is wrapped as {@code ["~#'", value]}. Types outside the data model go through
 * {@link JavaData#toData}.
 *
 * <p><b>Reading</b> gives the data model: maps {@code LinkedHashMap}, arrays {@code ArrayList},
 * lists {@link ClojureList}, sets {@code LinkedHashSet}, integers {@code Long} (or
 * {@code BigInteger}), floats {@code Double}, dates {@code Instant}; unknown tags stay transit
 * {@link TaggedValue}s. Input is checked before parsing (nesting limit, msgpack lengths), and any
 * failure is a {@link SerializationException}.
 *
 * <p>Thread-safe.
 */
public final class TransitSerializer implements Serializer {
    /** Default limit of collection nesting, reading and writing. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private final ContentType type;
    private final TransitFactory.Format format;
    private final int maxDepth;
    private final int maxNumberLength;
    /** Built once: transit-java would merge handler maps on every reader otherwise. */
    private final Map<String, ReadHandler<?, ?>> readHandlers;
    private final MapReader<Map<Object, Object>, Map<Object, Object>, Object, Object> mapBuilder;
    private final ArrayReader<List<Object>, List<Object>, Object> arrayBuilder;
    /** Writers and readers are costly to build: one set per thread, reused (see {@link TransitCodec}). */
    private final ThreadLocal<TransitCodec> codecs;

    /**
     * A serializer for {@link ContentType#TRANSIT_JSON} or {@link ContentType#TRANSIT_MSGPACK}
     * with the default nesting limit.
     */
    public TransitSerializer(ContentType type) {
        this(type, DEFAULT_MAX_DEPTH);
    }

    /**
     * A serializer for {@link ContentType#TRANSIT_JSON} or {@link ContentType#TRANSIT_MSGPACK}.
     *
     * @param maxDepth the deepest collection nesting accepted (at least 1). msgpack itself (the
     *     0.6 library under transit-java, as under transit-clj) stops at 127 levels.
     * @throws IllegalArgumentException for another content type or a bad limit
     */
    public TransitSerializer(ContentType type, int maxDepth) {
        this(type, maxDepth, NumberLimit.DEFAULT);
    }

    /**
     * A serializer for {@link ContentType#TRANSIT_JSON} or {@link ContentType#TRANSIT_MSGPACK}.
     *
     * @param maxDepth the deepest collection nesting accepted (at least 1)
     * @param maxNumberLength the longest number literal accepted, in characters: JSON numbers and
     *     the {@code ~n}, {@code ~f}, {@code ~i}, {@code ~d} and ratio reps. (transit-java's own JSON
     *     parser also keeps Jackson's default of 1,000 for JSON numbers.)
     * @throws IllegalArgumentException for another content type or a bad limit
     */
    public TransitSerializer(ContentType type, int maxDepth, int maxNumberLength) {
        this.type = type;
        this.format = switch (type) {
            case TRANSIT_JSON -> TransitFactory.Format.JSON;
            case TRANSIT_MSGPACK -> TransitFactory.Format.MSGPACK;
            default -> throw new IllegalArgumentException("not a transit content type: " + type);
        };
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.maxNumberLength = NumberLimit.validate(maxNumberLength);
        this.readHandlers = TransitFactory.readHandlerMap(TransitHandlers.readHandlers());
        this.mapBuilder = TransitHandlers.mapBuilder();
        this.arrayBuilder = TransitHandlers.arrayBuilder();
        boolean json = format == TransitFactory.Format.JSON;
        this.codecs = ThreadLocal.withInitial(() -> new TransitCodec(json));
    }

    /** transit over JSON (content type 4). */
    public static TransitSerializer json() {
        return new TransitSerializer(ContentType.TRANSIT_JSON);
    }

    /** transit over msgpack (content type 5). */
    public static TransitSerializer msgpack() {
        return new TransitSerializer(ContentType.TRANSIT_MSGPACK);
    }

    @Override
    public TransitSerializer withMaxNumberLength(int max) {
        return new TransitSerializer(type, maxDepth, max);
    }

    @Override
    public ContentType contentType() {
        return type;
    }

    @Override
    public byte[] serialize(Object value) {
        Object data = toTransit(value, 0);
        try {
            return codec().write(data);
        } catch (SerializationException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new SerializationException("cannot write " + type.wireName() + ": " + rootMessage(e), e);
        }
    }

    @Override
    public Object deserialize(byte[] data) {
        if (data == null) {
            throw new SerializationException(type.wireName() + ": no data");
        }
        if (format == TransitFactory.Format.JSON) {
            InputGuard.checkJson(data, maxDepth, maxNumberLength);
        } else {
            InputGuard.checkMsgpack(data, maxDepth, maxNumberLength);
        }
        try {
            return TransitHandlers.normalizeNumber(codec().read(data, readHandlers, mapBuilder, arrayBuilder));
        } catch (SerializationException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            Throwable c = e.getCause();
            if (c instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("cannot read " + type.wireName() + ": " + rootMessage(e), e);
        }
    }

    /** This thread's codec, or a fresh one when it is already in use further up this thread's stack. */
    private TransitCodec codec() {
        TransitCodec c = codecs.get();
        return c.busy() ? new TransitCodec(format == TransitFactory.Format.JSON) : c;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Rewrites a value into what the transit handlers expect, checking nesting on the way. */
    private Object toTransit(Object x, int level) {
        if (x == null || x instanceof String || x instanceof Boolean || x instanceof Long || x instanceof Double
                || x instanceof Keyword || x instanceof Symbol || x instanceof Integer || x instanceof Character
                || x instanceof BigInteger || x instanceof BigDecimal || x instanceof Ratio || x instanceof UUID
                || x instanceof Float || x instanceof Short || x instanceof Byte || x instanceof byte[]
                || x instanceof Date || x instanceof java.net.URI || x instanceof TaggedValue) {
            return x;
        }
        if (x instanceof Instant t) {
            try {
                return new Date(t.toEpochMilli());
            } catch (ArithmeticException e) {
                throw new SerializationException("instant out of transit's range: " + t);
            }
        }
        int next = level + 1;
        if (next > maxDepth) {
            throw new SerializationException("nesting deeper than " + maxDepth + " levels");
        }
        if (x instanceof Map<?, ?> m) {
            return mapEntries(m, next);
        }
        if (x instanceof Set<?> s) {
            Set<Object> out = null;
            int i = 0;
            for (Object o : s) {
                Object t = toTransit(o, next);
                if (out == null && t != o) {
                    out = new LinkedHashSet<>(Math.max(16, (int) (s.size() / 0.75f) + 1));
                    copyFirst(s, i, out);
                }
                if (out != null) {
                    out.add(t);
                }
                i++;
            }
            return out == null ? s : out;
        }
        if (x instanceof ClojureList l) {
            List<Object> items = mapAll(l, next);
            return items == l ? l : ClojureList.copyOf(items);
        }
        if (x instanceof List<?> l) {
            return mapAll(l, next);
        }
        if (x instanceof Object[] a) {
            return mapAll(Arrays.asList(a), next);
        }
        if (x instanceof Collection<?> c) {
            return ClojureList.copyOf(mapAll(c, next)); // a seq, to Clojure
        }
        Object data = JavaData.toData(x);
        if (data == null || data.getClass() == x.getClass()) {
            throw new SerializationException("no transit form for " + x.getClass().getName());
        }
        return toTransit(data, level);
    }

    /*
     * The rewrites below copy a collection only when an element changes (an Instant, a nested
     * collection that changed, a Java object turned into data): a tree of plain data goes to the
     * emitter as it is, without a copy per collection.
     */

    private Object mapEntries(Map<?, ?> m, int level) {
        Map<Object, Object> out = null;
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = toTransit(e.getKey(), level);
            Object v = toTransit(e.getValue(), level);
            if (out == null && (k != e.getKey() || v != e.getValue())) {
                out = new LinkedHashMap<>(Math.max(16, (int) (m.size() / 0.75f) + 1));
                int j = 0;
                for (Map.Entry<?, ?> before : m.entrySet()) {
                    if (j++ == i) {
                        break;
                    }
                    out.put(before.getKey(), before.getValue());
                }
            }
            if (out != null) {
                out.put(k, v);
            }
            i++;
        }
        return out == null ? m : out;
    }

    /** The elements rewritten; {@code c} itself (as a list) when none changed and it is a list. */
    @SuppressWarnings("unchecked")
    private List<Object> mapAll(Collection<?> c, int level) {
        List<Object> out = null;
        int i = 0;
        for (Object o : c) {
            Object t = toTransit(o, level);
            if (out == null && t != o) {
                out = new ArrayList<>(c.size());
                copyFirst(c, i, out);
            }
            if (out != null) {
                out.add(t);
            }
            i++;
        }
        if (out != null) {
            return out;
        }
        return c instanceof List<?> l ? (List<Object>) l : new ArrayList<>(c);
    }

    /** Adds the first {@code n} elements of {@code from} to {@code to}, unchanged (they needed no rewrite). */
    private static void copyFirst(Collection<?> from, int n, Collection<Object> to) {
        int j = 0;
        for (Object o : from) {
            if (j++ == n) {
                return;
            }
            to.add(o);
        }
    }
}
