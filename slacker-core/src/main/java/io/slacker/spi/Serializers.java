package io.slacker.spi;

import io.slacker.ContentType;
import io.slacker.internal.serialization.DeflateSerializer;
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
 * serializers unless registered explicitly.
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
                .register(new NippySerializer())
                .register(TransitSerializer.json())
                .register(TransitSerializer.msgpack());
        return b.build();
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
            throw new SerializationException("unsupported content type " + type.wireName() + " (" + type.code() + ")");
        }
        return s;
    }

    /** Whether a serializer for this content type is available. */
    public boolean supports(ContentType type) {
        return type != null && byType.containsKey(type);
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

        /** The registry. */
        public Serializers build() {
            Map<ContentType, Serializer> all = new EnumMap<>(byType);
            if (deriveDeflate) {
                for (Map.Entry<ContentType, Serializer> e : byType.entrySet()) {
                    ContentType t = e.getKey();
                    if (!t.isDeflate() && ContentType.fromCode(t.code() + 10) != null) {
                        all.putIfAbsent(DeflateSerializer.deflateOf(t),
                                new DeflateSerializer(e.getValue(), maxInflatedBytes, java.util.zip.Deflater.DEFAULT_COMPRESSION));
                    }
                }
            }
            return new Serializers(all);
        }
    }
}
