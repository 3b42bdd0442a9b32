package io.slacker.internal.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;
import java.util.Optional;

/** {@link Optional} for {@link TypeConverter}'s Jackson: written as its value or null, read back with the declared content type. */
final class OptionalSupport {
    private OptionalSupport() {
    }

    /** Writes the value or null. */
    static final class Writer extends JsonSerializer<Optional<?>> {
        @Override
        public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(value.orElse(null), gen);
        }
    }

    /** Reads {@code Optional<T>}: null and missing values are {@code Optional.empty()}. */
    static final class Reader extends JsonDeserializer<Optional<?>> implements ContextualDeserializer {
        private final JsonDeserializer<Object> content;

        Reader(JsonDeserializer<Object> content) {
            this.content = content;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            JavaType type = ctxt.getContextualType();
            if (type == null && property != null) {
                type = property.getType();
            }
            JavaType contentType = type == null ? ctxt.constructType(Object.class) : type.containedTypeOrUnknown(0);
            return new Reader(ctxt.findContextualValueDeserializer(contentType, property));
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (content == null) {
                throw new IllegalStateException("Optional reader used without context");
            }
            return Optional.ofNullable(content.deserialize(p, ctxt));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctxt) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Optional.empty();
        }
    }
}
