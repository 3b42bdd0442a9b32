package io.slacker.internal.serialization.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.internal.serialization.kryo.DataSerializers.PrimitiveArrays;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The carb content type: Kryo 5 for fast Java-to-Java calls. Not readable by the Clojure
 * slacker, which has no carb implementation in the captured version.
 *
 * <p>Only registered classes travel, by numeric id; a class name on the wire is refused and no
 * class named by a peer is ever loaded. The whole data model is registered with fixed ids
 * (strings, boxed primitives, {@link Keyword} (by its text, so it stays interned),
 * {@link Symbol}, {@link Ratio}, {@link ClojureList}, {@link ArrayList}, {@link LinkedHashMap},
 * {@link HashMap}, {@link LinkedHashSet}, {@link HashSet}, {@link BigInteger},
 * {@link BigDecimal}, {@link UUID}, {@link Instant}, {@link Date}, arrays of primitives,
 * {@code Object[]} and {@code String[]}). Other lists, sets and maps ({@code List.of(..)},
 * {@code TreeMap}, ...) are written as {@code ArrayList}, {@code LinkedHashSet} and
 * {@code LinkedHashMap}. Records, POJOs (with a no-argument constructor) and enums of the
 * application are added with {@link Builder#register(Class)}; both sides must register the same
 * classes in the same order (or with the same explicit ids).
 *
 * <p>Writing or reading an unregistered class, malformed or truncated bytes, declared lengths
 * beyond the input, or nesting deeper than the limit (default {@value #DEFAULT_MAX_DEPTH}) all
 * end in a {@link SerializationException}. Thread-safe: each thread has its own Kryo.
 */
public final class KryoSerializer implements Serializer {
    /** The default nesting limit. */
    public static final int DEFAULT_MAX_DEPTH = 512;
    /** The first id available to application classes; lower ids belong to the data model. */
    public static final int FIRST_USER_ID = 100;

    private static final int POOLED_BUFFER_LIMIT = 1 << 20;

    private final List<UserClass> userClasses;
    private final int maxDepth;
    private final int maxNumberLength;
    /** One Kryo, output buffer and input per thread: no lock and no allocation per call. */
    private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(this::newSlot);

    private KryoSerializer(Builder b) {
        this.userClasses = List.copyOf(b.classes);
        this.maxDepth = b.maxDepth;
        this.maxNumberLength = b.maxNumberLength;
        // fail at build time, not on the first call, when a registration is broken
        newKryo();
    }

    private KryoSerializer(KryoSerializer other, int maxNumberLength) {
        this.userClasses = other.userClasses;
        this.maxDepth = other.maxDepth;
        this.maxNumberLength = NumberLimit.validate(maxNumberLength);
    }

    @Override
    public KryoSerializer withMaxNumberLength(int max) {
        return new KryoSerializer(this, max);
    }

    /** A carb serializer for the data model only. */
    public KryoSerializer() {
        this(new Builder());
    }

    /** A builder to add application classes and set the depth limit. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ContentType contentType() {
        return ContentType.CARB;
    }

    @Override
    public byte[] serialize(Object value) {
        Slot slot = acquire();
        boolean ok = false;
        try {
            slot.out.reset();
            slot.kryo.writeClassAndObject(slot.out, value);
            ok = true;
            return slot.out.toBytes();
        } catch (RuntimeException | StackOverflowError e) {
            throw translate("cannot encode value", e);
        } finally {
            release(slot, ok);
        }
    }

    @Override
    public Object deserialize(byte[] data) {
        Slot slot = acquire();
        boolean ok = false;
        try {
            BoundedInput in = slot.in;
            in.setBuffer(data);
            Object value = slot.kryo.readClassAndObject(in);
            if (in.remaining() != 0) {
                throw new SerializationException("carb: " + in.remaining() + " unexpected bytes after the value");
            }
            ok = true;
            return value;
        } catch (RuntimeException | StackOverflowError e) {
            throw translate("malformed input", e);
        } finally {
            release(slot, ok);
        }
    }

    /** This thread's slot; a fresh one when it is in use (a serializer calling back into us). */
    private Slot acquire() {
        Slot slot = slots.get();
        if (slot.busy) {
            slot = newSlot();
        }
        slot.busy = true;
        return slot;
    }

    /** A Kryo that failed mid-way may hold state (depth, graph context): reset or replace it. */
    private void release(Slot slot, boolean ok) {
        slot.busy = false;
        if (!ok) {
            slot.kryo.reset();
            if (slot.kryo.getDepth() != 0) {
                slot.kryo = newKryo();
            }
        }
        if (slot.out.getBuffer().length > POOLED_BUFFER_LIMIT) {
            slot.out = new Output(4096, -1);
        }
        slot.in.release();
    }

    private Slot newSlot() {
        return new Slot(newKryo());
    }

    /** A thread's Kryo, output buffer and input. */
    private static final class Slot {
        Kryo kryo;
        Output out = new Output(4096, -1);
        final BoundedInput in = new BoundedInput();
        boolean busy;

        Slot(Kryo kryo) {
            this.kryo = kryo;
        }
    }

    private static SerializationException translate(String what, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SerializationException se) {
                return t == e ? se : new SerializationException(se.getMessage(), e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (e instanceof StackOverflowError) {
            return new SerializationException("carb: nesting too deep", e);
        }
        String msg = e.getMessage();
        if (msg != null && msg.startsWith("Max depth exceeded")) {
            return new SerializationException("carb: nesting deeper than the limit", e);
        }
        return new SerializationException("carb: " + what + ": " + e, e);
    }

    private Kryo newKryo() {
        DataClassResolver resolver = new DataClassResolver();
        Kryo kryo = new Kryo(resolver, new MapReferenceResolver());
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        // Kryo counts objects on the stack: a collection nested N deep holds N + 1 of them
        kryo.setMaxDepth(maxDepth + 1);
        registerDataModel(kryo, maxNumberLength);
        for (UserClass u : userClasses) {
            if (u.serializer != null) {
                kryo.register(u.type, u.serializer, u.id);
            } else if (u.type.isRecord()) {
                kryo.register(u.type, recordSerializer(u.type), u.id);
            } else {
                kryo.register(u.type, u.id);
            }
        }
        resolver.seal();
        return kryo;
    }

    private static <T> RecordSerializer<T> recordSerializer(Class<T> type) {
        return new RecordSerializer<>(type);
    }

    /** The fixed ids of the data model: part of the carb wire format, never renumber. */
    private static void registerDataModel(Kryo kryo, int maxNumberLength) {
        // Kryo itself registers int, String, float, boolean, byte, char, short, long, double (and
        // their boxes) below 10; its String serializer reads through BoundedInput's length check.
        kryo.register(Keyword.class, new KeywordSerializer(), 20);
        kryo.register(Symbol.class, new DataSerializers.SymbolSerializer(), 21);
        kryo.register(Ratio.class, new DataSerializers.RatioSerializer(maxNumberLength), 22);
        kryo.register(ClojureList.class, new DataSerializers.ClojureListSerializer(), 23);
        kryo.register(ArrayList.class, new DataSerializers.CollectionSerializer(ArrayList::new), 24);
        kryo.register(LinkedHashMap.class, new DataSerializers.MapSerializer(LinkedHashMap::new), 25);
        kryo.register(HashMap.class, new DataSerializers.MapSerializer(HashMap::new), 26);
        kryo.register(LinkedHashSet.class, new DataSerializers.CollectionSerializer(LinkedHashSet::new), 27);
        kryo.register(HashSet.class, new DataSerializers.CollectionSerializer(HashSet::new), 28);
        kryo.register(BigInteger.class, new DataSerializers.BigIntegerSerializer(maxNumberLength), 29);
        kryo.register(BigDecimal.class, new DataSerializers.BigDecimalSerializer(maxNumberLength), 30);
        kryo.register(UUID.class, new DataSerializers.UuidSerializer(), 31);
        kryo.register(Instant.class, new DataSerializers.InstantSerializer(), 32);
        kryo.register(Date.class, new DataSerializers.DateSerializer(), 33);
        kryo.register(byte[].class, new PrimitiveArrays.Bytes(), 34);
        kryo.register(int[].class, new PrimitiveArrays.Ints(), 35);
        kryo.register(long[].class, new PrimitiveArrays.Longs(), 36);
        kryo.register(double[].class, new PrimitiveArrays.Doubles(), 37);
        kryo.register(float[].class, new PrimitiveArrays.Floats(), 38);
        kryo.register(short[].class, new PrimitiveArrays.Shorts(), 39);
        kryo.register(char[].class, new PrimitiveArrays.Chars(), 40);
        kryo.register(boolean[].class, new PrimitiveArrays.Booleans(), 41);
        kryo.register(Object[].class, new DataSerializers.ObjectArraySerializer(), 42);
        kryo.register(String[].class, new DataSerializers.StringArraySerializer(), 43);
    }

    private record UserClass(Class<?> type, int id, com.esotericsoftware.kryo.Serializer<?> serializer) {
    }

    /**
     * Adds application classes to the data model. Ids are part of the wire format: give explicit
     * ids, or register in the same order on both sides.
     */
    public static final class Builder {
        private final List<UserClass> classes = new ArrayList<>();
        private int nextId = FIRST_USER_ID;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxNumberLength = NumberLimit.DEFAULT;

        private Builder() {
        }

        /**
         * Registers a record, enum or POJO (POJOs need a no-argument constructor) under the next
         * free id, starting at {@value KryoSerializer#FIRST_USER_ID}.
         */
        public Builder register(Class<?> type) {
            return register(type, nextId);
        }

        /** Registers a record, enum or POJO under this id (at least {@value KryoSerializer#FIRST_USER_ID}). */
        public Builder register(Class<?> type, int id) {
            return add(type, id, null);
        }

        /** Registers a class with its own Kryo serializer under this id. */
        public <T> Builder register(Class<T> type, com.esotericsoftware.kryo.Serializer<T> serializer, int id) {
            return add(type, id, Objects.requireNonNull(serializer, "serializer"));
        }

        /** The nesting limit (default {@value KryoSerializer#DEFAULT_MAX_DEPTH}). */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** The most decimal digits a big integer, decimal or ratio part read may hold (default 1,000). */
        public Builder maxNumberLength(int max) {
            this.maxNumberLength = NumberLimit.validate(max);
            return this;
        }

        private Builder add(Class<?> type, int id, com.esotericsoftware.kryo.Serializer<?> serializer) {
            Objects.requireNonNull(type, "type");
            if (id < FIRST_USER_ID) {
                throw new IllegalArgumentException("ids below " + FIRST_USER_ID + " belong to the data model: " + id);
            }
            for (UserClass u : classes) {
                if (u.type == type) {
                    throw new IllegalArgumentException("already registered: " + type.getName());
                }
                if (u.id == id) {
                    throw new IllegalArgumentException("id " + id + " already used by " + u.type.getName());
                }
            }
            if (type.isInterface() || type.isPrimitive() || (type.isArray() && serializer == null)) {
                throw new IllegalArgumentException("cannot register " + type.getName()
                        + (type.isArray() ? " without a serializer (send a List instead)" : ""));
            }
            classes.add(new UserClass(type, id, serializer));
            nextId = Math.max(nextId, id + 1);
            return this;
        }

        /** The serializer. */
        public KryoSerializer build() {
            return new KryoSerializer(this);
        }
    }
}
