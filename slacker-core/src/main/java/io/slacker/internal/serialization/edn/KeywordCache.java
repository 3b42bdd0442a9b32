package io.slacker.internal.serialization.edn;

import io.slacker.data.Keyword;

/**
 * Keyword tokens already read, so that reading a known keyword costs a hash over its characters
 * and one comparison: no substring, no validation, no intern-table look-up. Direct-mapped and
 * shared by all readers; a slot holds one immutable entry, so racing readers see either a whole
 * entry or none, and a collision only costs the slow path.
 */
final class KeywordCache {
    private static final int SLOTS = 1024;
    private static final Entry[] ENTRIES = new Entry[SLOTS];

    private record Entry(String token, Keyword keyword) {
    }

    private KeywordCache() {
    }

    /**
     * The keyword of the token {@code s[start, end)} (with its colon), or null when not cached.
     *
     * @param hash {@code String.hashCode()} of the token, which the reader computes while scanning it
     */
    static Keyword get(String s, int start, int end, int hash) {
        Entry e = ENTRIES[slot(hash)];
        if (e == null) {
            return null;
        }
        String token = e.token;
        int n = end - start;
        if (token.length() != n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (token.charAt(i) != s.charAt(start + i)) {
                return null;
            }
        }
        return e.keyword;
    }

    /** Remembers that {@code token} (with its colon) reads as {@code keyword}. */
    static void put(String token, Keyword keyword) {
        ENTRIES[slot(token.hashCode())] = new Entry(token, keyword);
    }

    /** The hash of a token: {@code String.hashCode} of its characters. */
    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
