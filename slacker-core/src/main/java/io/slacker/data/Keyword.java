package io.slacker.data;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Clojure keyword such as {@code :label} or {@code :my.ns/bar}. Interned: equal keywords are the
 * same instance, so {@code ==} works, as in Clojure.
 */
public final class Keyword implements Comparable<Keyword> {
    private static final ConcurrentHashMap<String, Keyword> TABLE = new ConcurrentHashMap<>();

    private final String namespace;
    private final String name;
    private final String text;

    private Keyword(String namespace, String name, String text) {
        this.namespace = namespace;
        this.name = name;
        this.text = text;
    }

    /**
     * The keyword with this text, without the leading colon: {@code "label"} or
     * {@code "my.ns/bar"}. A leading colon is accepted and ignored.
     */
    public static Keyword of(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.startsWith(":") ? text.substring(1) : text;
        Keyword k = TABLE.get(t);
        if (k != null) {
            return k;
        }
        int slash = t.indexOf('/');
        String ns = slash > 0 && t.length() > 1 ? t.substring(0, slash) : null;
        String n = ns == null ? t : t.substring(slash + 1);
        return TABLE.computeIfAbsent(t, key -> new Keyword(ns, n, key));
    }

    /** The keyword {@code :namespace/name}; a null namespace gives {@code :name}. */
    public static Keyword of(String namespace, String name) {
        return of(namespace == null ? name : namespace + "/" + name);
    }

    /** The namespace part, or {@code null}. */
    public String namespace() {
        return namespace;
    }

    /** The name part. */
    public String name() {
        return name;
    }

    /** The keyword without its colon: {@code "my.ns/bar"}. */
    public String text() {
        return text;
    }

    @Override
    public int compareTo(Keyword o) {
        return text.compareTo(o.text);
    }

    /** As Clojure prints it: {@code :my.ns/bar}. */
    @Override
    public String toString() {
        return ":" + text;
    }
}
