package io.slacker.internal.serialization.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.NumberLimit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Kryo serializers for the data model. Every length read from the wire is checked against the
 * bytes left before anything is allocated, and collections never pre-size beyond a small bound.
 */
final class DataSerializers {
    /** Initial capacity bound for collections read from the wire; they grow as elements arrive. */
    private static final int MAX_PRESIZE = 1024;

    private DataSerializers() {
    }

    private static BoundedInput bounded(Input input) {
        return (BoundedInput) input;
    }

    /** Reads a declared count of items taking at least {@code bytesEach} bytes each. */
    static int readCount(Input input, int bytesEach) {
        int n = input.readVarInt(true);
        bounded(input).checkCount(n, bytesEach);
        return n;
    }

    static int presize(int n) {
        return Math.min(n, MAX_PRESIZE);
    }

    /** A symbol as namespace (nullable) and name. */
    static final class SymbolSerializer extends Serializer<Symbol> {
        SymbolSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Symbol s) {
            output.writeString(s.namespace());
            output.writeString(s.name());
        }

        @Override
        public Symbol read(Kryo kryo, Input input, Class<? extends Symbol> type) {
            String ns = input.readString();
            String name = input.readString();
            if (name == null) {
                throw new KryoException("symbol without name");
            }
            return Symbol.of(ns, name);
        }
    }

    /** A big integer as its two's-complement bytes. */
    static final class BigIntegerSerializer extends Serializer<BigInteger> {
        private final int maxNumberLength;

        BigIntegerSerializer(int maxNumberLength) {
            this.maxNumberLength = maxNumberLength;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, BigInteger v) {
            writeBigInteger(output, v);
        }

        @Override
        public BigInteger read(Kryo kryo, Input input, Class<? extends BigInteger> type) {
            return readBigInteger(input, maxNumberLength);
        }
    }

    static void writeBigInteger(Output output, BigInteger v) {
        byte[] bytes = v.toByteArray();
        output.writeVarInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    static BigInteger readBigInteger(Input input, int maxNumberLength) {
        int n = readCount(input, 1);
        if (n == 0) {
            throw new KryoException("big integer without bytes");
        }
        NumberLimit.checkBytes(n, maxNumberLength, "carb");
        return new BigInteger(input.readBytes(n));
    }

    /** A big decimal as unscaled value and scale. */
    static final class BigDecimalSerializer extends Serializer<BigDecimal> {
        private final int maxNumberLength;

        BigDecimalSerializer(int maxNumberLength) {
            this.maxNumberLength = maxNumberLength;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, BigDecimal v) {
            writeBigInteger(output, v.unscaledValue());
            output.writeVarInt(v.scale(), false);
        }

        @Override
        public BigDecimal read(Kryo kryo, Input input, Class<? extends BigDecimal> type) {
            BigInteger unscaled = readBigInteger(input, maxNumberLength);
            return new BigDecimal(unscaled, input.readVarInt(false));
        }
    }

    /** A ratio as numerator and denominator. */
    static final class RatioSerializer extends Serializer<Ratio> {
        private final int maxNumberLength;

        RatioSerializer(int maxNumberLength) {
            this.maxNumberLength = maxNumberLength;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Ratio r) {
            writeBigInteger(output, r.numerator());
            writeBigInteger(output, r.denominator());
        }

        @Override
        public Ratio read(Kryo kryo, Input input, Class<? extends Ratio> type) {
            return Ratio.of(readBigInteger(input, maxNumberLength), readBigInteger(input, maxNumberLength));
        }
    }

    /** A UUID as its two longs. */
    static final class UuidSerializer extends Serializer<UUID> {
        UuidSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, UUID u) {
            output.writeLong(u.getMostSignificantBits());
            output.writeLong(u.getLeastSignificantBits());
        }

        @Override
        public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
            return new UUID(input.readLong(), input.readLong());
        }
    }

    /** An instant as epoch seconds and nanoseconds. */
    static final class InstantSerializer extends Serializer<Instant> {
        InstantSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Instant i) {
            output.writeVarLong(i.getEpochSecond(), false);
            output.writeVarInt(i.getNano(), true);
        }

        @Override
        public Instant read(Kryo kryo, Input input, Class<? extends Instant> type) {
            return Instant.ofEpochSecond(input.readVarLong(false), input.readVarInt(true));
        }
    }

    /** A date as epoch milliseconds (subclasses such as {@code java.sql.Timestamp} read back as Date). */
    static final class DateSerializer extends Serializer<Date> {
        @Override
        public void write(Kryo kryo, Output output, Date d) {
            output.writeVarLong(d.getTime(), false);
        }

        @Override
        public Date read(Kryo kryo, Input input, Class<? extends Date> type) {
            return new Date(input.readVarLong(false));
        }

        @Override
        public Date copy(Kryo kryo, Date original) {
            return new Date(original.getTime());
        }
    }

    /** Any collection, as count and elements; read back into the collection the factory makes. */
    static final class CollectionSerializer extends Serializer<Collection<Object>> {
        private final IntFunction<Collection<Object>> factory;

        CollectionSerializer(IntFunction<Collection<Object>> factory) {
            this.factory = factory;
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<Object> c) {
            output.writeVarInt(c.size(), true);
            int written = 0;
            for (Object o : c) {
                kryo.writeClassAndObject(output, o);
                written++;
            }
            if (written != c.size()) {
                throw new KryoException("collection changed while being written");
            }
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            int n = readCount(input, 1);
            Collection<Object> c = factory.apply(presize(n));
            for (int i = 0; i < n; i++) {
                c.add(kryo.readClassAndObject(input));
            }
            return c;
        }
    }

    /** A Clojure list: count and elements, read back as an immutable {@link ClojureList}. */
    static final class ClojureListSerializer extends Serializer<ClojureList> {
        ClojureListSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, ClojureList list) {
            output.writeVarInt(list.size(), true);
            for (Object o : list) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public ClojureList read(Kryo kryo, Input input, Class<? extends ClojureList> type) {
            int n = readCount(input, 1);
            List<Object> items = new ArrayList<>(presize(n));
            for (int i = 0; i < n; i++) {
                items.add(kryo.readClassAndObject(input));
            }
            return ClojureList.copyOf(items);
        }
    }

    /** Any map, as count and key/value pairs, in iteration order. */
    static final class MapSerializer extends Serializer<Map<Object, Object>> {
        private final IntFunction<Map<Object, Object>> factory;

        MapSerializer(IntFunction<Map<Object, Object>> factory) {
            this.factory = factory;
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> m) {
            output.writeVarInt(m.size(), true);
            int written = 0;
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
                written++;
            }
            if (written != m.size()) {
                throw new KryoException("map changed while being written");
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int n = readCount(input, 2);
            Map<Object, Object> m = factory.apply(presize(n));
            for (int i = 0; i < n; i++) {
                Object k = kryo.readClassAndObject(input);
                m.put(k, kryo.readClassAndObject(input));
            }
            return m;
        }
    }

    /** {@code Object[]}: count and elements with their classes. */
    static final class ObjectArraySerializer extends Serializer<Object[]> {
        @Override
        public void write(Kryo kryo, Output output, Object[] a) {
            output.writeVarInt(a.length, true);
            for (Object o : a) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public Object[] read(Kryo kryo, Input input, Class<? extends Object[]> type) {
            int n = readCount(input, 1);
            List<Object> items = new ArrayList<>(presize(n));
            for (int i = 0; i < n; i++) {
                items.add(kryo.readClassAndObject(input));
            }
            return items.toArray();
        }
    }

    /** {@code String[]}: count and nullable strings. */
    static final class StringArraySerializer extends Serializer<String[]> {
        @Override
        public void write(Kryo kryo, Output output, String[] a) {
            output.writeVarInt(a.length, true);
            for (String s : a) {
                output.writeString(s);
            }
        }

        @Override
        public String[] read(Kryo kryo, Input input, Class<? extends String[]> type) {
            int n = readCount(input, 1);
            List<String> items = new ArrayList<>(presize(n));
            for (int i = 0; i < n; i++) {
                items.add(input.readString());
            }
            return items.toArray(new String[0]);
        }
    }

    /** Arrays of primitives, count then fixed-width values. */
    static final class PrimitiveArrays {
        private PrimitiveArrays() {
        }

        static final class Bytes extends Serializer<byte[]> {
            @Override
            public void write(Kryo kryo, Output output, byte[] a) {
                output.writeVarInt(a.length, true);
                output.writeBytes(a);
            }

            @Override
            public byte[] read(Kryo kryo, Input input, Class<? extends byte[]> type) {
                return input.readBytes(readCount(input, 1));
            }
        }

        static final class Ints extends Serializer<int[]> {
            @Override
            public void write(Kryo kryo, Output output, int[] a) {
                output.writeVarInt(a.length, true);
                output.writeInts(a, 0, a.length);
            }

            @Override
            public int[] read(Kryo kryo, Input input, Class<? extends int[]> type) {
                return input.readInts(readCount(input, 4));
            }
        }

        static final class Longs extends Serializer<long[]> {
            @Override
            public void write(Kryo kryo, Output output, long[] a) {
                output.writeVarInt(a.length, true);
                output.writeLongs(a, 0, a.length);
            }

            @Override
            public long[] read(Kryo kryo, Input input, Class<? extends long[]> type) {
                return input.readLongs(readCount(input, 8));
            }
        }

        static final class Doubles extends Serializer<double[]> {
            @Override
            public void write(Kryo kryo, Output output, double[] a) {
                output.writeVarInt(a.length, true);
                output.writeDoubles(a, 0, a.length);
            }

            @Override
            public double[] read(Kryo kryo, Input input, Class<? extends double[]> type) {
                return input.readDoubles(readCount(input, 8));
            }
        }

        static final class Floats extends Serializer<float[]> {
            @Override
            public void write(Kryo kryo, Output output, float[] a) {
                output.writeVarInt(a.length, true);
                output.writeFloats(a, 0, a.length);
            }

            @Override
            public float[] read(Kryo kryo, Input input, Class<? extends float[]> type) {
                return input.readFloats(readCount(input, 4));
            }
        }

        static final class Shorts extends Serializer<short[]> {
            @Override
            public void write(Kryo kryo, Output output, short[] a) {
                output.writeVarInt(a.length, true);
                output.writeShorts(a, 0, a.length);
            }

            @Override
            public short[] read(Kryo kryo, Input input, Class<? extends short[]> type) {
                return input.readShorts(readCount(input, 2));
            }
        }

        static final class Chars extends Serializer<char[]> {
            @Override
            public void write(Kryo kryo, Output output, char[] a) {
                output.writeVarInt(a.length, true);
                output.writeChars(a, 0, a.length);
            }

            @Override
            public char[] read(Kryo kryo, Input input, Class<? extends char[]> type) {
                return input.readChars(readCount(input, 2));
            }
        }

        static final class Booleans extends Serializer<boolean[]> {
            @Override
            public void write(Kryo kryo, Output output, boolean[] a) {
                output.writeVarInt(a.length, true);
                output.writeBooleans(a, 0, a.length);
            }

            @Override
            public boolean[] read(Kryo kryo, Input input, Class<? extends boolean[]> type) {
                return input.readBooleans(readCount(input, 1));
            }
        }
    }
}
