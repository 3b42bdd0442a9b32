package io.slacker.internal.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import java.io.IOException;
import java.math.MathContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.UUID;

/**
 * The Jackson module behind {@link TypeConverter}: teaches Jackson the data model.
 *
 * <p>Values that have no JSON counterpart ({@link Keyword}, {@link Symbol}, {@link UUID},
 * {@link Instant}, {@link Date}) travel through Jackson's token buffer as embedded objects, so an
 * {@code Object} target gets them unchanged; strings, enums, keywords, symbols and times are
 * read from them by the deserializers here. Ratios become decimals; keyword and symbol map keys
 * their text. Enums match names case-insensitively, with {@code -} for {@code _}.
 */
final class DataModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    DataModule() {
        super("slacker-data");
        JsonSerializer<Object> embedded = new EmbeddedSerializer();
        addSerializer(Keyword.class, embedded(embedded));
        addSerializer(Symbol.class, embedded(embedded));
        addSerializer(UUID.class, embedded(embedded));
        addSerializer(Instant.class, embedded(embedded));
        addSerializer(Date.class, embedded(embedded));
        addSerializer(Ratio.class, new RatioSerializer());
        addSerializer(optionalClass(), new OptionalSupport.Writer());
        addDeserializer(optionalClass(), new OptionalSupport.Reader(null));
        addKeySerializer(Keyword.class, new KeyTextSerializer());
        addKeySerializer(Symbol.class, new KeyTextSerializer());

        addDeserializer(String.class, new TextDeserializer());
        addDeserializer(Keyword.class, new NamedDeserializer<>(Keyword.class, Keyword::of));
        addDeserializer(Symbol.class, new NamedDeserializer<>(Symbol.class, Symbol::of));
        addDeserializer(Instant.class, new TimeDeserializer<>(Instant.class, i -> i));
        addDeserializer(Date.class, new TimeDeserializer<>(Date.class, i -> new Date(i.toEpochMilli())));
        addKeyDeserializer(Keyword.class, new NamedKeyDeserializer(Keyword::of));
        addKeyDeserializer(Symbol.class, new NamedKeyDeserializer(Symbol::of));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<java.util.Optional<?>> optionalClass() {
        return (Class) java.util.Optional.class;
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonSerializer<T> embedded(JsonSerializer<Object> s) {
        return (JsonSerializer<T>) s;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new EnumDeserializers());
        context.addKeyDeserializers(new EnumKeyDeserializers());
    }

    /** The text of a keyword or symbol: {@code my.ns/bar}. */
    static String nameText(Object named) {
        return named instanceof Keyword k ? k.text() : named.toString();
    }

    /** Writes the value as an embedded object (its string form outside a token buffer). */
    private static final class EmbeddedSerializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (gen instanceof TokenBuffer) {
                gen.writeEmbeddedObject(value);
            } else if (value instanceof Date d) {
                gen.writeString(d.toInstant().toString());
            } else {
                gen.writeString(nameText(value));
            }
        }
    }

    private static final class RatioSerializer extends JsonSerializer<Ratio> {
        @Override
        public void serialize(Ratio value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(value.toBigDecimal(MathContext.DECIMAL128));
        }
    }

    private static final class KeyTextSerializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeFieldName(nameText(value));
        }
    }

    /** Strings, also from keywords, symbols and other embedded values, and from scalars. */
    private static final class TextDeserializer extends StringDeserializer {
        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
                Object o = p.getEmbeddedObject();
                if (o instanceof Keyword || o instanceof Symbol) {
                    return nameText(o);
                }
                if (o instanceof Date d) {
                    return d.toInstant().toString();
                }
                if (o != null && !(o instanceof byte[])) {
                    return o.toString();
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** Keywords and symbols from themselves, from each other, or from strings. */
    @SuppressWarnings("unchecked")
    private static final class NamedDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.Function<String, T> factory;

        NamedDeserializer(Class<T> type, java.util.function.Function<String, T> factory) {
            super(type);
            this.factory = factory;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return factory.apply(p.getText());
            }
            if (p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
                Object o = p.getEmbeddedObject();
                if (handledType().isInstance(o)) {
                    return (T) handledType().cast(o);
                }
                if (o instanceof Keyword || o instanceof Symbol) {
                    return factory.apply(nameText(o));
                }
            }
            return (T) ctxt.handleUnexpectedToken(handledType(), p);
        }
    }

    private static final class NamedKeyDeserializer extends KeyDeserializer {
        private final java.util.function.Function<String, Object> factory;

        NamedKeyDeserializer(java.util.function.Function<String, Object> factory) {
            this.factory = factory;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return factory.apply(key);
        }
    }

    /** Instants and dates from either, from ISO-8601 strings, or from epoch milliseconds. */
    @SuppressWarnings("unchecked")
    private static final class TimeDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.Function<Instant, T> fromInstant;

        TimeDeserializer(Class<T> type, java.util.function.Function<Instant, T> fromInstant) {
            super(type);
            this.fromInstant = fromInstant;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case VALUE_EMBEDDED_OBJECT: {
                    Object o = p.getEmbeddedObject();
                    if (o instanceof Instant i) {
                        return fromInstant.apply(i);
                    }
                    if (o instanceof Date d) {
                        return fromInstant.apply(Instant.ofEpochMilli(d.getTime()));
                    }
                    break;
                }
                case VALUE_NUMBER_INT:
                    return fromInstant.apply(Instant.ofEpochMilli(p.getLongValue()));
                case VALUE_STRING: {
                    String s = p.getText().trim();
                    try {
                        return fromInstant.apply(Instant.parse(s));
                    } catch (DateTimeParseException e) {
                        try {
                            return fromInstant.apply(OffsetDateTime.parse(s).toInstant());
                        } catch (DateTimeParseException e2) {
                            return (T) ctxt.handleWeirdStringValue(handledType(), s, "not an ISO-8601 timestamp");
                        }
                    }
                }
                default:
                    break;
            }
            return (T) ctxt.handleUnexpectedToken(handledType(), p);
        }
    }

    /** Enum constants by name: case-insensitive, {@code -} equal to {@code _}. */
    private static final class EnumDeserializer extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        EnumDeserializer(Class<?> type) {
            super(type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = null;
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                text = p.getText();
            } else if (p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
                Object o = p.getEmbeddedObject();
                if (handledType().isInstance(o)) {
                    return o;
                }
                if (o instanceof Keyword || o instanceof Symbol) {
                    text = nameText(o);
                }
            }
            if (text == null) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            Object constant = lookup(handledType(), text);
            if (constant == null) {
                return ctxt.handleWeirdStringValue(handledType(), text, "not one of the enum constants "
                        + java.util.Arrays.toString(handledType().getEnumConstants()));
            }
            return constant;
        }
    }

    static Object lookup(Class<?> enumType, String text) {
        String wanted = text.replace('-', '_');
        for (Object c : enumType.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        return null;
    }

    private static final class EnumDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
            return new EnumDeserializer(type);
        }
    }

    private static final class EnumKeyDeserializers implements KeyDeserializers {
        @Override
        public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
            if (!type.isEnumType()) {
                return null;
            }
            Class<?> raw = type.getRawClass();
            return new KeyDeserializer() {
                @Override
                public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                    Object c = lookup(raw, key);
                    return c != null ? c : ctxt.handleWeirdKey(raw, key, "not one of the enum constants");
                }
            };
        }
    }
}
