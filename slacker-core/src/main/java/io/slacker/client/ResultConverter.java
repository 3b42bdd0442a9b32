package io.slacker.client;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a decoded result to the declared return type of a proxy method. The one seam for
 * result conversion in the client; a stand-in for the serialization layer's converter.
 */
final class ResultConverter {
    private ResultConverter() {
    }

    /**
     * The value as {@code target}.
     *
     * @throws IllegalArgumentException when it cannot be converted
     */
    static Object convert(Object value, Type target) {
        // merge: use TypeConverter.convert(value, target)
        Class<?> raw = rawClass(target);
        if (raw == void.class || raw == Void.class) {
            return null;
        }
        if (value == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("nil cannot be a " + raw.getName());
            }
            return null;
        }
        if (raw == Object.class) {
            return value;
        }
        Class<?> boxed = box(raw);
        if (value instanceof Number n && Number.class.isAssignableFrom(boxed)) {
            return number(n, boxed);
        }
        if (target instanceof ParameterizedType p && value instanceof Collection<?> c && Collection.class.isAssignableFrom(raw)) {
            Type elem = p.getActualTypeArguments()[0];
            Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(convert(o, elem));
            }
            return out;
        }
        if (target instanceof ParameterizedType p && value instanceof Map<?, ?> m && Map.class.isAssignableFrom(raw)) {
            Type kt = p.getActualTypeArguments()[0];
            Type vt = p.getActualTypeArguments()[1];
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(convert(k, kt), convert(v, vt)));
            return out;
        }
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Collection<?> c && (raw == List.class || raw == Collection.class || raw == Iterable.class)) {
            return new ArrayList<>(c);
        }
        if (value instanceof Collection<?> c && raw == Set.class) {
            return new LinkedHashSet<>(c);
        }
        if (raw == String.class && value instanceof Character ch) {
            return ch.toString();
        }
        throw new IllegalArgumentException("cannot convert " + value.getClass().getName() + " to " + target.getTypeName());
    }

    private static Object number(Number n, Class<?> t) {
        if (t.isInstance(n)) {
            return n;
        }
        if (t == Long.class) {
            return n.longValue();
        }
        if (t == Integer.class) {
            return Math.toIntExact(n.longValue());
        }
        if (t == Short.class) {
            long v = n.longValue();
            if (v != (short) v) {
                throw new IllegalArgumentException(v + " does not fit a short");
            }
            return (short) v;
        }
        if (t == Byte.class) {
            long v = n.longValue();
            if (v != (byte) v) {
                throw new IllegalArgumentException(v + " does not fit a byte");
            }
            return (byte) v;
        }
        if (t == Double.class) {
            return n.doubleValue();
        }
        if (t == Float.class) {
            return n.floatValue();
        }
        if (t == BigInteger.class) {
            return n instanceof BigDecimal d ? d.toBigIntegerExact() : BigInteger.valueOf(n.longValue());
        }
        if (t == BigDecimal.class) {
            return n instanceof BigInteger b ? new BigDecimal(b)
                : (n instanceof Double || n instanceof Float) ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
        }
        if (t == Number.class) {
            return n;
        }
        throw new IllegalArgumentException("cannot convert " + n.getClass().getName() + " to " + t.getName());
    }

    static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (t instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        if (t instanceof TypeVariable<?> v) {
            return rawClass(v.getBounds()[0]);
        }
        if (t instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        return c;
    }
}
