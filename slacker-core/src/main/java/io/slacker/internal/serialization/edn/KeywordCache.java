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

    /** The keyword of the token {@code s[start, end)} (with its colon), or null when not cached. */
    static Keyword get(String s, int start, int end) {
        Entry e = ENTRIES[slot(s, start, end)];
        int n = end - start;
        if (e != null && e.token.length() == n && s.regionMatches(start, e.token, 0, n)) {
            return e.keyword;
        }
        return null;
    }

    /** Remembers that {@code token} (with its colon) reads as {@code keyword}. */
    static void put(String token, Keyword keyword) {
        ENTRIES[slot(token, 0, token.length())] = new Entry(token, keyword);
    }

    private static int slot(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
