package io.slacker.internal.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.slacker.spi.Serializer;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts decoded data (see {@link Serializer}) to the declared Java type of a method
 * parameter or return value, on top of Jackson's conversion machinery.
 *
 * <p>Handles primitives and their boxes (a {@code Long} too large for an {@code int} is an
 * error, as is a fraction for an integer type or {@code nil} for a primitive), strings (also
 * from keywords and symbols, {@code :my.ns/bar} -> {@code "my.ns/bar"}), {@code char}, lists,
 * sets, maps (keyword keys become their names, then the declared key type), arrays,
 * {@link Optional}, records and beans from maps with keyword or string keys in kebab-case
 * ({@code :created-at}) or camelCase, enums from keywords or strings (case-insensitive,
 * {@code -} equal to {@code _}), {@code Instant}/{@code Date} (from either, ISO-8601 text or
 * epoch milliseconds), {@code UUID}, {@code BigDecimal}, {@code BigInteger}, and any generic
 * type ({@code List<Map<String, Long>>}, wildcards). A value that already is an instance of a
 * non-generic target passes through unchanged ({@code Object}, {@code Keyword}, ...). It reads
 * back what {@link JavaData#toData} writes. Unknown map keys are ignored when binding records
 * and beans.
 *
 * <p>Thread-safe; the plan for each target type is cached.
 */
public final class TypeConverter {
    private static final TypeConverter STANDARD = new TypeConverter();

    private final ObjectMapper mapper;
    private final Map<Type, Plan> plans = new ConcurrentHashMap<>();

    /** A converter with the standard configuration. */
    public TypeConverter() {
        this.mapper = JsonMapper.builder()
                .annotationIntrospector(new KebabAliasIntrospector())
                .addModule(new DataModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** The shared standard converter. */
    public static TypeConverter standard() {
        return STANDARD;
    }

    /**
     * Converts a value to a type.
     *
     * @param value decoded data, or any Java value
     * @param target the declared type: a {@link Class}, a {@link java.lang.reflect.ParameterizedType},
     *     a wildcard, a generic array type...
     * @return the converted value; {@code null} stays {@code null} (an empty Optional for
     *     {@code Optional} targets)
     * @throws IllegalArgumentException when the value cannot be converted; the message names the
     *     value's type and the target type
     */
    public Object convert(Object value, Type target) {
        Objects.requireNonNull(target, "target");
        return plans.computeIfAbsent(target, this::plan).convert(value);
    }

    /** Converts a value to a class. */
    @SuppressWarnings("unchecked")
    public <T> T convert(Object value, Class<T> target) {
        return (T) convert(value, (Type) target);
    }

    private Plan plan(Type target) {
        Type t = target instanceof WildcardType w ? w.getUpperBounds()[0] : target;
        JavaType javaType = mapper.getTypeFactory().constructType(t);
        Class<?> raw = javaType.getRawClass();
        if (raw == Optional.class) {
            JavaType content = javaType.containedTypeOrUnknown(0);
            Plan inner = content.hasRawClass(Object.class)
                    ? new Plan(target, content, true) : plans.computeIfAbsent(content, this::plan);
            return new OptionalPlan(target, inner);
        }
        // a generic container (List<Long>) needs its elements converted; a plain class does not
        boolean passThrough = !javaType.isPrimitive() && !(javaType.isContainerType()
                && (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw.isArray())
                && hasSpecificContent(javaType));
        return new Plan(target, javaType, passThrough);
    }

    private static boolean hasSpecificContent(JavaType type) {
        for (int i = 0; i < type.containedTypeCount(); i++) {
            if (!type.containedType(i).hasRawClass(Object.class)) {
                return true;
            }
        }
        JavaType content = type.getContentType();
        return content != null && !content.hasRawClass(Object.class);
    }

    /** How to convert to one target type. */
    private class Plan {
        final Type target;
        final JavaType type;
        final boolean passThrough;

        Plan(Type target, JavaType type, boolean passThrough) {
            this.target = target;
            this.type = type;
            this.passThrough = passThrough;
        }

        Object convert(Object value) {
            if (value == null) {
                if (type.isPrimitive()) {
                    throw new IllegalArgumentException("cannot convert nil to " + type.getRawClass().getName());
                }
                return null;
            }
            if (passThrough && type.getRawClass().isInstance(value)) {
                return value;
            }
            try {
                return mapper.convertValue(value, type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot convert " + value.getClass().getName() + " to "
                        + target.getTypeName() + ": " + firstLine(e.getMessage()), e);
            }
        }
    }

    private final class OptionalPlan extends Plan {
        private final Plan inner;

        OptionalPlan(Type target, Plan inner) {
            super(target, null, false);
            this.inner = inner;
        }

        @Override
        Object convert(Object value) {
            if (value instanceof Optional<?> o) {
                value = o.orElse(null);
            }
            return value == null ? Optional.empty() : Optional.ofNullable(inner.convert(value));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
