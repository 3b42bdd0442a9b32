package io.slacker.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Clojure list or sequence, {@code (1 2 3)}: an immutable {@link List} that the printers write
 * back as a list rather than a vector. Equal to any {@link List} with the same elements, as
 * Clojure's {@code =} treats lists and vectors.
 */
public final class ClojureList extends AbstractList<Object> {
    private static final ClojureList EMPTY = new ClojureList(new Object[0]);

    private final Object[] items;

    private ClojureList(Object[] items) {
        this.items = items;
    }

    /** The empty list {@code ()}. */
    public static ClojureList empty() {
        return EMPTY;
    }

    /** A list of these elements (copied; {@code null} elements allowed). */
    public static ClojureList of(Object... items) {
        return items.length == 0 ? EMPTY : new ClojureList(items.clone());
    }

    /** A list of the elements of this collection, in iteration order (copied). */
    public static ClojureList copyOf(Collection<?> items) {
        return items.isEmpty() ? EMPTY : new ClojureList(new ArrayList<>(items).toArray());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
