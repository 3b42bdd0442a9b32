package io.slacker.internal.serialization;

import io.slacker.data.Keyword;
import io.slacker.spi.SerializationException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Java values that are not part of the Clojure data model into data, the way Clojure code
 * expects to see them: enums become keywords ({@code BIG_RED} -> {@code :big-red}), records and
 * beans maps with kebab-case keyword keys ({@code createdAt} -> {@code :created-at}), an
 * {@link Optional} its value or {@code null}. Only the top level is converted; the serializers
 * call this again for nested values they do not know. {@link TypeConverter} reads these forms
 * back into the Java types.
 */
public final class JavaData {
    /** Per class: the keyword and accessor of every property, in a stable order. */
    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return type.isRecord() ? recordProperties(type) : beanProperties(type);
        }
    };

    private JavaData() {
    }

    /**
     * The data form of a value that is not in the data model.
     *
     * @throws SerializationException when the value has no data form (no enum, record, Optional
     *     or class with public getters)
     */
    public static Object toData(Object value) {
        if (value instanceof Enum<?> e) {
            return Keyword.of(Names.enumKeyword(e.name()));
        }
        if (value instanceof Optional<?> o) {
            return o.orElse(null);
        }
        Class<?> type = value.getClass();
        List<Property> props = PROPERTIES.get(type);
        if (props.isEmpty()) {
            throw new SerializationException("no data form for " + type.getName()
                    + " (not an enum, record, Optional or bean with public getters)");
        }
        Map<Keyword, Object> map = new LinkedHashMap<>(props.size() * 2);
        for (Property p : props) {
            try {
                map.put(p.key(), p.accessor().invoke(value));
            } catch (ReflectiveOperationException | RuntimeException ex) {
                throw new SerializationException("cannot read " + type.getName() + "." + p.accessor().getName(), ex);
            }
        }
        return map;
    }

    private record Property(Keyword key, Method accessor) {
    }

    private static List<Property> recordProperties(Class<?> type) {
        List<Property> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Method m = c.getAccessor();
            trySetAccessible(m);
            out.add(new Property(Keyword.of(Names.kebab(c.getName())), m));
        }
        return List.copyOf(out);
    }

    /** Public, non-static, no-argument {@code getX()} / {@code isX()} methods, sorted by name. */
    private static List<Property> beanProperties(Class<?> type) {
        List<Property> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
                    || m.getReturnType() == void.class || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String prop = propertyName(m);
            if (prop != null) {
                trySetAccessible(m);
                out.add(new Property(Keyword.of(Names.kebab(prop)), m));
            }
        }
        out.sort(Comparator.comparing(p -> p.key().text()));
        return List.copyOf(out);
    }

    private static String propertyName(Method m) {
        String n = m.getName();
        int prefix;
        if (n.startsWith("get") && n.length() > 3) {
            prefix = 3;
        } else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
            prefix = 2;
        } else {
            return null;
        }
        String rest = n.substring(prefix);
        if (!Character.isUpperCase(rest.charAt(0))) {
            return null;
        }
        // getURL -> URL (bean rule: keep when the first two letters are upper case), getName -> name
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) {
            return rest;
        }
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    private static void trySetAccessible(Method m) {
        try {
            m.trySetAccessible();
        } catch (RuntimeException ignored) {
            // stays inaccessible; invoke reports it
        }
    }
}
