package io.slacker.internal.serialization.transit;

import com.cognitect.transit.impl.Constants;
import com.cognitect.transit.impl.WriteCache;
import java.util.HashMap;
import java.util.Map;

/**
 * transit's write cache (repeated map keys, keywords and symbols written as {@code ^0},
 * {@code ^1}, ... {@code ^ZZ}: the codes the transit format defines), on a map that starts small.
 * transit-java's own sizes its map for all 1,936 codes, so that resetting it for the next value
 * ({@link #init}) wipes a 4,096-slot table each time: more than the whole write of a small value
 * once the writer is reused.
 */
final class SmallWriteCache extends WriteCache {
    /** A map that grew past this is replaced rather than cleared. */
    private static final int KEEP_ENTRIES = 64;
    /** Every cache code, made once: {@code ^0} ... {@code ^ZZ}. */
    private static final String[] CODES = new String[MAX_CACHE_ENTRIES];

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = code(i);
        }
    }

    private Map<String, String> codes = new HashMap<>();
    private int index;

    SmallWriteCache() {
        super(true);
    }

    @Override
    public String cacheWrite(String s, boolean asMapKey) {
        if (!isCacheable(s, asMapKey)) {
            return s;
        }
        String code = codes.get(s);
        if (code != null) {
            return code;
        }
        if (index == MAX_CACHE_ENTRIES) {
            init();
        }
        codes.put(s, CODES[index++]);
        return s; // the first occurrence is written out in full
    }

    private static String code(int i) {
        int hi = i / CACHE_CODE_DIGITS;
        int lo = i % CACHE_CODE_DIGITS;
        return hi == 0 ? Constants.SUB_STR + (char) (lo + BASE_CHAR_IDX)
            : Constants.SUB_STR + (char) (hi + BASE_CHAR_IDX) + (char) (lo + BASE_CHAR_IDX);
    }

    @Override
    public WriteCache init() {
        index = 0;
        if (codes.size() > KEEP_ENTRIES) {
            codes = new HashMap<>();
        } else {
            codes.clear();
        }
        return this;
    }
}
