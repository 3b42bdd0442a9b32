package io.slacker.internal.serialization.transit;

import com.cognitect.transit.impl.Constants;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The transit string of each keyword written ({@code "~:ns/name"}), made once per thread instead
 * of once per occurrence. transit-java's emitters build it anew for every keyword they write, and
 * the write cache then hashes and compares that fresh string in full; the same instance every time
 * has its hash cached and matches the cache's key by identity.
 *
 * <p>Keyed by the identity of the keyword's text: {@link io.slacker.data.Keyword}s are interned,
 * so {@code text()} is the same string every time. Bounded: past {@link #MAX_ENTRIES} keywords the
 * table starts over. Not thread-safe (one per {@link TransitCodec}).
 */
final class KeywordStrings {
    private static final int MAX_ENTRIES = 1024;
    /** The tag our keyword write handler gives (see {@link TransitHandlers}). */
    static final String TAG = ":";

    private final Map<String, String> forms = new IdentityHashMap<>();

    /**
     * What the emitter would write for {@code prefix + tag + s}: for a keyword the cached
     * string, otherwise null (the emitter builds it as usual).
     */
    String of(String prefix, String tag, String s) {
        if (!TAG.equals(tag) || !Constants.ESC_STR.equals(prefix)) {
            return null;
        }
        String form = forms.get(s);
        if (form == null) {
            if (forms.size() == MAX_ENTRIES) {
                forms.clear();
            }
            form = prefix + tag + s;
            forms.put(s, form);
        }
        return form;
    }
}
