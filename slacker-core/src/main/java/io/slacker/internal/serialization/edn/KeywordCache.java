package io.slacker.internal.serialization.edn;

import io.slacker.data.Keyword;
import java.nio.charset.StandardCharsets;

/**
 * Keyword tokens already read, so that reading a known keyword costs a hash over its characters
 * and one comparison: no substring, no validation, no intern-table look-up. Direct-mapped and
 * shared by all readers; a slot holds one immutable entry, so racing readers see either a whole
 * entry or none, and a collision only costs the slow path.
 */
final class KeywordCache {
    private static final int SLOTS = 1024;
    private static final Entry[] ENTRIES = new Entry[SLOTS];

    /**
     * A keyword token (with its colon), its bytes when it is ASCII (else null), and its keyword.
     */
    record Entry(String token, byte[] ascii, Keyword keyword) {
    }

    private KeywordCache() {
    }

    /**
     * The entry in the slot of a token with this hash, or null; the caller compares its token
     * with the one it read.
     *
     * @param hash {@code String.hashCode()} of the token, which the reader computes while scanning it
     */
    static Entry get(int hash) {
        return ENTRIES[slot(hash)];
    }

    /** Remembers that {@code token} (with its colon) reads as {@code keyword}. */
    static void put(String token, Keyword keyword) {
        byte[] ascii = token.chars().allMatch(c -> c < 0x80) ? token.getBytes(StandardCharsets.US_ASCII) : null;
        ENTRIES[slot(token.hashCode())] = new Entry(token, ascii, keyword);
    }

    /** The hash of a token: {@code String.hashCode} of its characters. */
    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
