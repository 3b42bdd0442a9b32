package io.slacker.internal.serialization.transit;

import com.cognitect.transit.ArrayReadHandler;
import com.cognitect.transit.ArrayReader;
import com.cognitect.transit.MapReader;
import com.cognitect.transit.ReadHandler;
import com.cognitect.transit.TransitFactory;
import com.cognitect.transit.WriteHandler;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.spi.SerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** transit-java read and write handlers for the slacker data model, mirroring transit-clj's. */
final class TransitHandlers {
    private TransitHandlers() {
    }

    // ---------------------------------------------------------------- writing

    /** Handlers for our types; shared, since transit-java caches handler maps by identity. */
    @SuppressWarnings("rawtypes") // transit-java's API keys handlers by raw Class
    /** Built once: transit-java merges custom handlers with its defaults on every writer otherwise. */
    static final Map<Class, WriteHandler<?, ?>> WRITE = TransitFactory.writeHandlerMap(buildWriteHandlers());

    /** {@link #WRITE} with {@code handler} for maps (those extending {@code AbstractMap}: nearly all). */
    @SuppressWarnings("rawtypes")
    static Map<Class, WriteHandler<?, ?>> withMapHandler(WriteHandler<?, ?> handler) {
        Map<Class, WriteHandler<?, ?>> m = new HashMap<>(WRITE);
        m.put(java.util.AbstractMap.class, handler);
        return m;
    }

    @SuppressWarnings("rawtypes")
    private static Map<Class, WriteHandler<?, ?>> buildWriteHandlers() {
        Map<Class, WriteHandler<?, ?>> m = new HashMap<>();
        m.put(Keyword.class, new Simple<Keyword>(":") {
            @Override
            public Object rep(Keyword k) {
                return k.text();
            }
        });
        m.put(Symbol.class, new Simple<Symbol>("$") {
            @Override
            public Object rep(Symbol s) {
                return s.toString();
            }
        });
        m.put(Ratio.class, new Simple<Ratio>("ratio") {
            @Override
            public Object rep(Ratio r) {
                return List.of(r.numerator(), r.denominator());
            }

            @Override
            public String stringRep(Ratio r) {
                return null;
            }
        });
        m.put(ClojureList.class, new Simple<ClojureList>("list") {
            @Override
            public Object rep(ClojureList l) {
                return new ListView(l);
            }

            @Override
            public String stringRep(ClojureList l) {
                return null;
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** A write handler with a fixed tag whose string rep is its rep. */
    private abstract static class Simple<T> implements WriteHandler<T, Object> {
        private final String tag;

        Simple(String tag) {
            this.tag = tag;
        }

        @Override
        public String tag(T o) {
            return tag;
        }

        @Override
        public String stringRep(T o) {
            return (String) rep(o);
        }

        @Override
        public <V> WriteHandler<T, V> getVerboseHandler() {
            return null;
        }
    }

    /** A plain-List view (transit's "array") of a ClojureList, for the rep of the "list" tag. */
    private static final class ListView extends AbstractList<Object> implements java.util.RandomAccess {
        private final List<Object> items;

        ListView(List<Object> items) {
            this.items = items;
        }

        @Override
        public Object get(int i) {
            return items.get(i);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Read handlers. They count no nesting: {@link InputGuard} has bounded the structure before
     * transit-java reads it (the msgpack parser opens a builder for a tagged value's outer array
     * that it never completes, so counting there would leak a level per set, list or ratio).
     */
    static Map<String, ReadHandler<?, ?>> readHandlers() {
        Map<String, ReadHandler<?, ?>> m = new HashMap<>();
        m.put(":", (ReadHandler<Keyword, Object>) rep -> Keyword.of(str(rep, ":")));
        m.put("$", (ReadHandler<Symbol, Object>) rep -> Symbol.of(str(rep, "$")));
        m.put("n", (ReadHandler<BigInteger, Object>) TransitHandlers::bigInteger);
        m.put("f", (ReadHandler<BigDecimal, Object>) rep -> new BigDecimal(str(rep, "f")));
        m.put("c", (ReadHandler<Character, Object>) rep -> {
            String s = str(rep, "c");
            if (s.isEmpty()) {
                throw new SerializationException("transit: empty character");
            }
            return s.charAt(0);
        });
        m.put("m", (ReadHandler<Instant, Object>) rep -> Instant.ofEpochMilli(
                rep instanceof Number n ? n.longValue() : Long.parseLong(str(rep, "m"))));
        m.put("t", (ReadHandler<Instant, Object>) rep -> OffsetDateTime.parse(str(rep, "t")).toInstant());
        m.put("u", (ReadHandler<UUID, Object>) TransitHandlers::uuid);
        m.put("r", (ReadHandler<java.net.URI, Object>) rep -> java.net.URI.create(str(rep, "r")));
        m.put("ratio", (ReadHandler<Ratio, Object>) rep -> {
            if (!(rep instanceof List<?> l) || l.size() != 2) {
                throw new SerializationException("transit: ratio rep must be [numerator denominator]");
            }
            return Ratio.of(bigInteger(l.get(0)), bigInteger(l.get(1)));
        });
        m.put("list", new Collecting<>("list") {
            @Override
            Object finish(List<Object> items) {
                return ClojureList.copyOf(items);
            }
        });
        m.put("set", new Collecting<>("set") {
            @Override
            Object finish(List<Object> items) {
                return new LinkedHashSet<>(items);
            }
        });
        m.put("cmap", new Collecting<>("cmap") {
            @Override
            Object finish(List<Object> items) {
                if (items.size() % 2 != 0) {
                    throw new SerializationException("transit: cmap with an odd number of items");
                }
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i += 2) {
                    map.put(items.get(i), items.get(i + 1));
                }
                return map;
            }
        });
        return m;
    }

    private static String str(Object rep, String tag) {
        if (rep instanceof String s) {
            return s;
        }
        throw new SerializationException("transit: tag " + tag + " needs a string rep, got "
                + (rep == null ? "null" : rep.getClass().getSimpleName()));
    }

    private static BigInteger bigInteger(Object rep) {
        if (rep instanceof BigInteger b) {
            return b;
        }
        if (rep instanceof Long || rep instanceof Integer || rep instanceof Short || rep instanceof Byte) {
            return BigInteger.valueOf(((Number) rep).longValue());
        }
        return new BigInteger(str(rep, "n"));
    }

    private static UUID uuid(Object rep) {
        if (rep instanceof String s) {
            return UUID.fromString(s);
        }
        if (rep instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Long hi && l.get(1) instanceof Long lo) {
            return new UUID(hi, lo);
        }
        throw new SerializationException("transit: bad uuid rep");
    }

    /** Integers become Long (BigInteger beyond its range), floats Double. */
    static Object normalizeNumber(Object o) {
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof org.msgpack.type.Value v) {
            // transit-java hands back the raw msgpack value for uint64 above Long.MAX_VALUE
            if (v.isIntegerValue()) {
                return v.asIntegerValue().getBigInteger();
            }
            throw new SerializationException("transit-msgpack: unexpected value " + v.getType());
        }
        return o;
    }

    /** A tag whose rep is an array, built element by element into a list first. */
    private abstract static class Collecting<T> implements ArrayReadHandler<List<Object>, Object, Object, Object> {
        private final String tag;

        Collecting(String tag) {
            this.tag = tag;
        }

        abstract Object finish(List<Object> items);

        @Override
        public Object fromRep(Object rep) {
            if (rep instanceof List<?> l) {
                return finish(new ArrayList<>(l));
            }
            throw new SerializationException("transit: tag " + tag + " needs an array rep");
        }

        @Override
        public ArrayReader<List<Object>, Object, Object> arrayReader() {
            return new ArrayReader<>() {
                @Override
                public List<Object> init() {
                    return new ArrayList<>();
                }

                @Override
                public List<Object> init(int size) {
                    return init();
                }

                @Override
                public List<Object> add(List<Object> a, Object item) {
                    a.add(normalizeNumber(item));
                    return a;
                }

                @Override
                public Object complete(List<Object> a) {
                    return finish(a);
                }
            };
        }
    }

    /** Maps become LinkedHashMap (wire order kept). */
    static MapReader<Map<Object, Object>, Map<Object, Object>, Object, Object> mapBuilder() {
        return new MapReader<>() {
            @Override
            public Map<Object, Object> init() {
                return new LinkedHashMap<>();
            }

            @Override
            public Map<Object, Object> init(int size) {
                return init(); // a declared size is not trusted for allocation
            }

            @Override
            public Map<Object, Object> add(Map<Object, Object> m, Object k, Object v) {
                m.put(normalizeNumber(k), normalizeNumber(v));
                return m;
            }

            @Override
            public Map<Object, Object> complete(Map<Object, Object> m) {
                return m;
            }
        };
    }

    /** Arrays become ArrayList (vectors). */
    static ArrayReader<List<Object>, List<Object>, Object> arrayBuilder() {
        return new ArrayReader<>() {
            @Override
            public List<Object> init() {
                return new ArrayList<>();
            }

            @Override
            public List<Object> init(int size) {
                return init();
            }

            @Override
            public List<Object> add(List<Object> a, Object item) {
                a.add(normalizeNumber(item));
                return a;
            }

            @Override
            public List<Object> complete(List<Object> a) {
                return a;
            }
        };
    }

}
