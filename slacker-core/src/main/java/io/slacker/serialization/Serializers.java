package io.slacker.serialization;

import io.slacker.ContentType;
import java.util.EnumMap;
import java.util.Map;

/** Placeholder registry (replaced by the full one at merge). */
public final class Serializers {
    private final Map<ContentType, Serializer> byType;

    private Serializers(Map<ContentType, Serializer> byType) {
        this.byType = byType;
    }

    /** Everything available. */
    public static Serializers defaults() {
        return new Serializers(new EnumMap<>(ContentType.class));
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The serializer of a content type. */
    public Serializer get(ContentType type) {
        Serializer s = type == null ? null : byType.get(type);
        if (s == null) {
            throw new SerializationException("unsupported content type " + type);
        }
        return s;
    }

    /** Whether a serializer is registered. */
    public boolean supports(ContentType type) {
        return type != null && byType.containsKey(type);
    }

    /** Builds a registry. */
    public static final class Builder {
        private final Map<ContentType, Serializer> map = new EnumMap<>(ContentType.class);

        /** Registers a serializer. */
        public Builder register(Serializer s) {
            map.put(s.contentType(), s);
            return this;
        }

        /** The registry. */
        public Serializers build() {
            return new Serializers(new EnumMap<>(map));
        }
    }
}
