package io.slacker.internal.serialization.kryo;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import io.slacker.spi.SerializationException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Class resolution for the carb content type: registered classes only, by id. Class names on the
 * wire are refused (nothing named by a peer is ever loaded). Once {@link #seal() sealed}, lists,
 * sets and maps of unregistered implementations ({@code List.of(..)}, {@code TreeMap}, ...) are
 * written as {@link ArrayList}, {@link LinkedHashSet} and {@link LinkedHashMap}, subclasses of
 * {@link Date} as {@code Date}, and enum constants with bodies as their enum.
 */
@SuppressWarnings("rawtypes")
final class DataClassResolver extends DefaultClassResolver {
    private static final int NULL_ID = 0;
    private static final int NAME_ID = NAME + 2;

    private boolean sealed;

    /** Ends registration; from now on the fallbacks apply. */
    void seal() {
        sealed = true;
    }

    @Override
    public Registration getRegistration(Class type) {
        Registration r = super.getRegistration(type);
        if (r != null || !sealed || type == null) {
            return r;
        }
        Class<?> canonical = canonical(type);
        if (canonical == null) {
            return null;
        }
        r = super.getRegistration(canonical);
        if (r != null) {
            classToRegistration.put(type, r);
        }
        return r;
    }

    private static Class<?> canonical(Class<?> type) {
        if (List.class.isAssignableFrom(type)) {
            return ArrayList.class;
        }
        if (Set.class.isAssignableFrom(type)) {
            return LinkedHashSet.class;
        }
        if (Map.class.isAssignableFrom(type)) {
            return LinkedHashMap.class;
        }
        if (Date.class.isAssignableFrom(type)) {
            return Date.class;
        }
        if (Enum.class.isAssignableFrom(type) && !type.isEnum() && type.getSuperclass() != null) {
            return type.getSuperclass();
        }
        return null;
    }

    @Override
    public Registration writeClass(Output output, Class type) {
        if (type != null && getRegistration(type) == null) {
            throw new SerializationException("carb: class is not registered: " + type.getName()
                    + " (register it with KryoSerializer.builder().register(...))");
        }
        return super.writeClass(output, type);
    }

    @Override
    public Registration readClass(Input input) {
        int id = input.readVarInt(true);
        if (id == NULL_ID) {
            return null;
        }
        if (id == NAME_ID) {
            throw new SerializationException("carb: class names on the wire are not accepted, only registered class ids");
        }
        Registration r = idToRegistration.get(id - 2);
        if (r == null) {
            throw new SerializationException("carb: class id " + (id - 2)
                    + " is not registered here (the sender registered a class this side does not know)");
        }
        return r;
    }

    @Override
    protected Registration readName(Input input) {
        throw new SerializationException("carb: class names on the wire are not accepted");
    }
}
