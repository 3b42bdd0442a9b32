package io.slacker.internal.serialization.edn;

import io.slacker.data.Keyword;
import java.nio.charset.StandardCharsets;

/**
 * Keyword tokens already read, so that reading a known keyword costs a hash over its characters
 * and one comparison: no substring, no validation, no intern-table look-up. Direct-mapped and
 * shared by all readers; a slot holds one immutable entry, so racing readers see either a whole
 * entry or none, and a collision only costs the slow path.
 *
 * <p>Two tables: by the token's {@code String.hashCode()}, which needs the token's end; and, for
 * ASCII input, by its {@link Entry#prefix prefix}, a key read from the input in one step before
 * the token's end is known (the reader then checks the rest).
 */
final class KeywordCache {
    private static final int SLOTS = 1024;
    private static final Entry[] BY_HASH = new Entry[SLOTS];
    private static final Entry[] BY_PREFIX = new Entry[SLOTS];
    private static final Printed[] PRINTED = new Printed[SLOTS];
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    /**
     * A keyword token (with its colon) and its length, its bytes when it is ASCII (else null),
     * its prefix key ({@link #prefix}; 0 for none), and its keyword.
     */
    record Entry(String token, int length, byte[] ascii, long prefix, Keyword keyword) {
    }

    /** A keyword and its printed form, {@code :text} in UTF-8. */
    private record Printed(Keyword keyword, byte[] utf8) {
    }

    private KeywordCache() {
    }

    /** The printed form of a keyword, {@code :text} in UTF-8 (a lone surrogate as {@code ?}, as the printer writes it). */
    static byte[] printed(Keyword k) {
        int slot = System.identityHashCode(k) & (SLOTS - 1);
        Printed p = PRINTED[slot];
        if (p == null || p.keyword() != k) {
            p = new Printed(k, (":" + k.text()).getBytes(StandardCharsets.UTF_8));
            PRINTED[slot] = p;
        }
        return p.utf8();
    }

    /**
     * The entry in the slot of a token with this hash, or null; the caller compares its token
     * with the one it read.
     *
     * @param hash {@code String.hashCode()} of the token, which the reader computes while scanning it
     */
    static Entry get(int hash) {
        return BY_HASH[slot(hash)];
    }

    /** The entry in the slot of this prefix key, or null; the caller compares the key and the rest. */
    static Entry byPrefix(long prefix) {
        return BY_PREFIX[prefixSlot(prefix)];
    }

    /** Remembers that {@code token} (with its colon) reads as {@code keyword}; returns the entry. */
    static Entry put(String token, Keyword keyword) {
        byte[] ascii = token.chars().allMatch(c -> c < 0x80) ? token.getBytes(StandardCharsets.US_ASCII) : null;
        Entry e = new Entry(token, token.length(), ascii, ascii == null ? 0 : prefix(ascii), keyword);
        BY_HASH[slot(token.hashCode())] = e;
        rememberPrefix(e);
        return e;
    }

    /** Makes {@code e} the entry of its prefix key's slot (after a look-up by prefix missed it). */
    static void rememberPrefix(Entry e) {
        if (e.prefix() != 0) {
            BY_PREFIX[prefixSlot(e.prefix())] = e;
        }
    }

    /**
     * The prefix key of an ASCII token: its first eight bytes as a little-endian long, or all of
     * a shorter token's bytes (zeros above). What {@link EdnLexer} reads from the input at a
     * token's start is the same key when the token is followed by whitespace or is eight bytes or
     * longer. 0 (no key) for a token with a byte below {@code '!'}, which would cut the key short.
     */
    private static long prefix(byte[] token) {
        long key = 0;
        for (int i = 0; i < Math.min(8, token.length); i++) {
            if (token[i] < '!') {
                return 0;
            }
            key |= (token[i] & 0xFFL) << 8 * i;
        }
        return key;
    }

    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** The top bits of a product, which depend on every bit of the key. */
    private static int prefixSlot(long prefix) {
        return (int) ((prefix * MULTIPLIER) >>> (64 - Integer.numberOfTrailingZeros(SLOTS)));
    }
}
