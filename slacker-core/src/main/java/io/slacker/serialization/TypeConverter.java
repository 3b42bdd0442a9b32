package io.slacker.serialization;

import java.lang.reflect.Type;

/** Placeholder (replaced by the full converter at merge). */
public final class TypeConverter {
    private TypeConverter() {
    }

    /** Converts a decoded value to a Java type. */
    public static Object convert(Object value, Type target) {
        if (target == int.class || target == Integer.class) {
            return ((Number) value).intValue();
        }
        return value;
    }
}
