package io.slacker.internal.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which Clojure's {@code keys} yields string keys assoc'ed into an empty map in a
 * given order: an array map (up to 8 entries) keeps insertion order; a bigger map is a hash map
 * (HAMT), which yields keys by their hash, 5 bits at a time from the lowest, with keys of equal
 * hash in insertion order. The Clojure slacker server lists {@code :functions} this way (the keys
 * of its one map of every exposed function).
 */
final class ClojureKeyOrder {
    /** Entries an array map holds before Clojure turns it into a hash map. */
    static final int ARRAY_MAP_MAX = 8;

    private static final Comparator<String> HASH_ORDER = (a, b) -> {
        int ha = hash(a);
        int hb = hash(b);
        for (int shift = 0; shift < 32; shift += 5) {
            int c = Integer.compare((ha >>> shift) & 0x1f, (hb >>> shift) & 0x1f);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private ClojureKeyOrder() {
    }

    /** The keys of a map built by assoc'ing {@code keys} (distinct) in this order. */
    static List<String> of(List<String> keys) {
        List<String> out = new ArrayList<>(keys);
        if (out.size() > ARRAY_MAP_MAX) {
            out.sort(HASH_ORDER); // stable: equal hashes keep insertion order, as a collision node does
        }
        return out;
    }

    /** Clojure's {@code hash} of a string: Murmur3 of its {@code hashCode}. */
    static int hash(String s) {
        int input = s.hashCode();
        if (input == 0) {
            return 0;
        }
        int k1 = input * 0xcc9e2d51;
        k1 = Integer.rotateLeft(k1, 15);
        k1 *= 0x1b873593;
        int h1 = k1; // seed 0
        h1 = Integer.rotateLeft(h1, 13);
        h1 = h1 * 5 + 0xe6546b64;
        h1 ^= 4;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
