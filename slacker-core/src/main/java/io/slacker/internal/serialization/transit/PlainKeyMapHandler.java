package io.slacker.internal.serialization.transit;

import com.cognitect.transit.impl.WriteHandlers;
import io.slacker.data.Keyword;
import java.util.Map;

/**
 * transit-java's map handler, with a shortcut for maps whose keys are all keywords and strings
 * (nearly all maps): those are transit maps ({@code "map"}, not {@code "cmap"}), which
 * transit-java finds out by looking up the write handler and tag of every key, twice per map
 * (once for the tag, once for the rep). Other maps take transit-java's way.
 *
 * <p>One per {@link TransitCodec}: transit-java gives each handler map's map handler that map
 * (unsynchronized) for the look-ups.
 */
final class PlainKeyMapHandler extends WriteHandlers.MapWriteHandler {
    @Override
    public String tag(Map<Object, Object> m) {
        return plainKeys(m) ? "map" : super.tag(m);
    }

    @Override
    public Object rep(Map<Object, Object> m) {
        return plainKeys(m) ? m.entrySet() : super.rep(m);
    }

    private static boolean plainKeys(Map<Object, Object> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof Keyword) && !(k instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
