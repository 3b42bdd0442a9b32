package io.slacker.data;

import java.util.Objects;

/** A Clojure symbol such as {@code rand-ints} or {@code clojure.core/inc}. Value equality. */
public final class Symbol implements Comparable<Symbol> {
    private final String namespace;
    private final String name;

    private Symbol(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /** The symbol with this text, e.g. {@code "inc"} or {@code "clojure.core/inc"}. */
    public static Symbol of(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash > 0 && text.length() > 1) {
            return new Symbol(text.substring(0, slash), text.substring(slash + 1));
        }
        return new Symbol(null, text);
    }

    /** The symbol {@code namespace/name}; a null namespace gives a plain symbol. */
    public static Symbol of(String namespace, String name) {
        return new Symbol(namespace, Objects.requireNonNull(name, "name"));
    }

    /** The namespace part, or {@code null}. */
    public String namespace() {
        return namespace;
    }

    /** The name part. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Symbol s && name.equals(s.name) && Objects.equals(namespace, s.namespace);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(namespace) + name.hashCode();
    }

    @Override
    public int compareTo(Symbol o) {
        return toString().compareTo(o.toString());
    }

    /** As Clojure prints it: {@code ns/name} or {@code name}. */
    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
