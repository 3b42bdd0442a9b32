package io.slacker.micrometer;

import io.slacker.spi.CallContext;

/**
 * Where W3C trace context travels in a slacker call: the {@code traceparent} header as a string
 * value in call extension {@link #TRACEPARENT_ID}, {@code tracestate} (when there is one) in
 * {@link #TRACESTATE_ID}. Extensions need protocol v6; the value is encoded in the call's content
 * type like every extension. The ids are documented in {@code docs/interop.md}.
 */
public final class TraceContext {
    /** The extension id carrying {@code traceparent}: -0x7470 ("tp"). */
    public static final int TRACEPARENT_ID = -0x7470;
    /** The extension id carrying {@code tracestate}: -0x7473 ("ts"). */
    public static final int TRACESTATE_ID = -0x7473;

    private TraceContext() {
    }

    /** Writes one propagation header into the call's extensions (other headers are not carried). */
    static void set(CallContext call, String key, String value) {
        Integer id = idOf(key);
        if (id != null && call != null) {
            call.extensions().put(id, value);
        }
    }

    /** Reads one propagation header from the call's extensions, or null. */
    static String get(CallContext call, String key) {
        Integer id = idOf(key);
        if (id == null || call == null) {
            return null;
        }
        Object v = call.extension(id);
        return v instanceof String s ? s : null;
    }

    private static Integer idOf(String key) {
        return switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "traceparent" -> TRACEPARENT_ID;
            case "tracestate" -> TRACESTATE_ID;
            default -> null;
        };
    }
}
