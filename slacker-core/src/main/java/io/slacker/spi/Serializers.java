package io.slacker.spi;

import io.slacker.ContentType;
import io.slacker.internal.serialization.DeflateSerializer;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.internal.serialization.edn.EdnSerializer;
import io.slacker.internal.serialization.json.JsonSerializer;
import io.slacker.internal.serialization.kryo.KryoSerializer;
import io.slacker.internal.serialization.nippy.NippySerializer;
import io.slacker.internal.serialization.transit.TransitSerializer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The serializers available to a client or server, by content type. Immutable; build one with
 * {@link #builder()} or take {@link #defaults()}. The deflate variants ({@code deflate-carb},
 * {@code deflate-json}, {@code deflate-clj}, {@code deflate-nippy}) are derived from the inner
 * serializers unless registered explicitly. transit-json and transit-msgpack are among the defaults
 * only when the optional transit-java is on the classpath.
 *
 * <p>Every built-in decoder refuses number literals longer than 1,000 characters (the default)
 * (1,000) characters with a {@link SerializationException}; {@link #withMaxNumberLength} and
 * {@link Builder#maxNumberLength} change that limit for all of them at once.
 */
public final class Serializers {
    private static final class Defaults {
        static final Serializers INSTANCE = createDefaults();
    }

    private final Map<ContentType, Serializer> byType;

    private Serializers(Map<ContentType, Serializer> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    /** Every serializer this library provides, with default settings. */
    public static Serializers defaults() {
        return Defaults.INSTANCE;
    }

    private static Serializers createDefaults() {
        Builder b = builder()
                .register(new JsonSerializer())
                .register(new KryoSerializer())
                .register(EdnSerializer.standard())
                .register(new NippySerializer());
        if (transitPresent()) {
            b.register(TransitSerializer.json()).register(TransitSerializer.msgpack());
        }
        return b.build();
    }

    /** Whether transit-java (an optional dependency) is on the classpath. */
    static boolean transitPresent() {
        try {
            Class.forName("com.cognitect.transit.TransitFactory", false, Serializers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Why a content type has no serializer here, with the fix when there is one (transit-java is an
     * optional dependency).
     */
    public static String unsupportedReason(ContentType type) {
        return "unsupported content type " + type.wireName() + " (" + type.code() + ")" + missingHint(type);
    }

    /**
     * What to add for a content type that has no serializer: for transit without transit-java on the
     * classpath, a sentence starting with ": "; else empty.
     */
    public static String missingHint(ContentType type) {
        if ((type == ContentType.TRANSIT_JSON || type == ContentType.TRANSIT_MSGPACK) && !transitPresent()) {
            return ": transit needs com.cognitect:transit-java on the classpath, an optional dependency"
                + " of slacker-core; add it to your pom (its version comes with slacker-bom)";
        }
        return "";
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The serializer of a content type.
     *
     * @throws SerializationException when there is none
     */
    public Serializer get(ContentType type) {
        Serializer s = byType.get(Objects.requireNonNull(type, "type"));
        if (s == null) {
            throw new SerializationException(unsupportedReason(type));
        }
        return s;
    }

    /** Whether a serializer for this content type is available. */
    public boolean supports(ContentType type) {
        return type != null && byType.containsKey(type);
    }

    /**
     * These serializers with another limit on number literals (characters of a text literal, or
     * the decimal digits a binary big integer can hold); see the guide's limits.
     *
     * @throws IllegalArgumentException when {@code max} is not positive
     */
    public Serializers withMaxNumberLength(int max) {
        NumberLimit.validate(max);
        Map<ContentType, Serializer> out = new EnumMap<>(ContentType.class);
        byType.forEach((t, s) -> out.put(t, s.withMaxNumberLength(max)));
        return new Serializers(out);
    }

    /** The supported content types, in wire-number order. */
    public Set<ContentType> contentTypes() {
        return byType.keySet();
    }

    @Override
    public String toString() {
        return "Serializers" + byType.keySet();
    }

    /** Collects serializers; a later registration for the same content type replaces an earlier one. */
    public static final class Builder {
        private final Map<ContentType, Serializer> byType = new EnumMap<>(ContentType.class);
        private boolean deriveDeflate = true;
        private int maxInflatedBytes = DeflateSerializer.DEFAULT_MAX_INFLATED_BYTES;
        private int maxNumberLength;

        private Builder() {
        }

        /** Adds a serializer under its {@link Serializer#contentType()}. */
        public Builder register(Serializer serializer) {
            Objects.requireNonNull(serializer, "serializer");
            byType.put(Objects.requireNonNull(serializer.contentType(), "contentType"), serializer);
            return this;
        }

        /**
         * Adds the built-in serializer of a (non-deflate) content type with its default settings;
         * deflate variants are derived at {@link #build()}.
         */
        public Builder standard(ContentType type) {
            return register(switch (Objects.requireNonNull(type, "type")) {
                case CLJ -> EdnSerializer.standard();
                case JSON -> new JsonSerializer();
                case CARB -> new KryoSerializer();
                case NIPPY -> new NippySerializer();
                case TRANSIT_JSON -> TransitSerializer.json();
                case TRANSIT_MSGPACK -> TransitSerializer.msgpack();
                default -> throw new IllegalArgumentException(type.wireName() + " is derived, not registered: register its inner "
                    + "content type");
            });
        }

        /**
         * Adds the Kryo ({@code carb}) serializer with these application classes registered, in
         * this order: a client and a server must register the same classes in the same order.
         */
        public Builder kryo(Class<?>... registered) {
            KryoSerializer.Builder k = KryoSerializer.builder();
            for (Class<?> c : registered) {
                k.register(c);
            }
            return register(k.build());
        }

        /** Whether to add deflate variants of the registered carb/json/clj/nippy serializers (default true). */
        public Builder deriveDeflate(boolean derive) {
            this.deriveDeflate = derive;
            return this;
        }

        /** The inflation limit of derived deflate serializers (default 16 MiB). */
        public Builder maxInflatedBytes(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInflatedBytes must be positive: " + max);
            }
            this.maxInflatedBytes = max;
            return this;
        }

        /**
         * The longest number literal every registered serializer accepts (default: each one's
         * own, 1,000 for the built-in ones); see the guide's limits.
         */
        public Builder maxNumberLength(int max) {
            this.maxNumberLength = NumberLimit.validate(max);
            return this;
        }

        /** The registry. */
        public Serializers build() {
            Map<ContentType, Serializer> all = new EnumMap<>(byType);
            if (maxNumberLength > 0) {
                all.replaceAll((t, s) -> s.withMaxNumberLength(maxNumberLength));
            }
            if (deriveDeflate) {
                for (ContentType t : byType.keySet()) {
                    if (!t.isDeflate() && ContentType.fromCode(t.code() + 10) != null) {
                        all.putIfAbsent(DeflateSerializer.deflateOf(t),
                                new DeflateSerializer(all.get(t), maxInflatedBytes, java.util.zip.Deflater.DEFAULT_COMPRESSION));
                    }
                }
            }
            return new Serializers(all);
        }
    }
}
