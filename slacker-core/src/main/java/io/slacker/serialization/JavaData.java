package io.slacker.serialization;

import io.slacker.data.Keyword;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Java values that are not part of the Clojure data model into data: enums become
 * keywords, records and beans maps with keyword keys. Serializers call it for types they do not
 * handle themselves.
 */
public final class JavaData {
    private JavaData() {
    }

    /**
     * The data form of a value that is not in the data model.
     *
     * @throws SerializationException when the value has no data form
     */
    public static Object toData(Object value) {
        if (value instanceof Enum<?> e) {
            return Keyword.of(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        Class<?> type = value.getClass();
        if (type.isRecord()) {
            Map<Keyword, Object> map = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    map.put(Keyword.of(c.getName()), c.getAccessor().invoke(value));
                } catch (ReflectiveOperationException | RuntimeException ex) {
                    throw new SerializationException("cannot read record component " + type.getName() + "." + c.getName(), ex);
                }
            }
            return map;
        }
        throw new SerializationException("no data form for " + type.getName());
    }
}
