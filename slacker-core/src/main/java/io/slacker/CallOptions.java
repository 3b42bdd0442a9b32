package io.slacker;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call settings of a client call. Immutable; every {@code with...} method returns a copy.
 * Settings left unset ({@code null}) take the caller's defaults.
 *
 * <pre>{@code
 * client.call("slacker.example.api", "echo", List.of("v"),
 *     CallOptions.defaults().withTimeout(Duration.ofSeconds(2)).withExtension(16, Map.of(Keyword.of("k"), 1)));
 * }</pre>
 *
 * <p>Besides the settings every caller knows, options carry typed values under a {@link Key}, for
 * settings of a particular caller: the cluster client's grouping policy travels this way.
 */
public final class CallOptions {
    private static final CallOptions DEFAULTS = new CallOptions(null, null, Map.of(), null, null, Map.of());

    private final Duration timeout;
    private final ContentType contentType;
    private final Map<Integer, Object> extensions;
    private final Integer protocolVersion;
    private final Boolean interruptOnTimeout;
    private final Map<Key<?>, Object> values;

    private CallOptions(Duration timeout, ContentType contentType, Map<Integer, Object> extensions,
                        Integer protocolVersion, Boolean interruptOnTimeout, Map<Key<?>, Object> values) {
        this.values = values;
        this.timeout = timeout;
        this.contentType = contentType;
        this.extensions = extensions;
        this.protocolVersion = protocolVersion;
        this.interruptOnTimeout = interruptOnTimeout;
    }

    /** Options that change nothing: every setting is the client's. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /** The timeout, or {@code null} for the client's. */
    public Duration timeout() {
        return timeout;
    }

    /** The content type, or {@code null} for the client's. */
    public ContentType contentType() {
        return contentType;
    }

    /**
     * Extension values by id (16-bit), in the order they were added; serialized with the call's
     * content type. Sent with protocol v6 only. Unmodifiable, never null.
     */
    public Map<Integer, Object> extensions() {
        return extensions;
    }

    /** The protocol version (5 or 6), or {@code null} for the client's. */
    public Integer protocolVersion() {
        return protocolVersion;
    }

    /** Whether to send an interrupt to the server when the call times out, or {@code null} for the client's. */
    public Boolean interruptOnTimeout() {
        return interruptOnTimeout;
    }

    /** With this timeout (positive). */
    public CallOptions withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new CallOptions(timeout, contentType, extensions, protocolVersion, interruptOnTimeout, values);
    }

    /** With this content type. */
    public CallOptions withContentType(ContentType contentType) {
        return new CallOptions(timeout, Objects.requireNonNull(contentType, "contentType"), extensions,
            protocolVersion, interruptOnTimeout, values);
    }

    /** With these extensions instead of the current ones (iteration order kept). */
    public CallOptions withExtensions(Map<Integer, ?> extensions) {
        Map<Integer, Object> copy = new LinkedHashMap<>();
        extensions.forEach((id, v) -> copy.put(checkId(id), v));
        return new CallOptions(timeout, contentType, Collections.unmodifiableMap(copy), protocolVersion, interruptOnTimeout, values);
    }

    /** With one more extension (replacing a value with the same id). */
    public CallOptions withExtension(int id, Object value) {
        Map<Integer, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(checkId(id), value);
        return new CallOptions(timeout, contentType, Collections.unmodifiableMap(copy), protocolVersion, interruptOnTimeout, values);
    }

    /** With this protocol version: 5 or 6. */
    public CallOptions withProtocolVersion(int version) {
        if (version != 5 && version != 6) {
            throw new IllegalArgumentException("protocol version must be 5 or 6: " + version);
        }
        return new CallOptions(timeout, contentType, extensions, version, interruptOnTimeout, values);
    }

    /** Whether to send an interrupt to the server when the call times out. */
    public CallOptions withInterruptOnTimeout(boolean interrupt) {
        return new CallOptions(timeout, contentType, extensions, protocolVersion, interrupt, values);
    }

    /** The value under {@code key}, or the key's default when unset. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object v = values.get(key);
        return v != null ? (T) v : key.defaultValue();
    }

    /** With {@code value} under {@code key} ({@code null} removes it). */
    public <T> CallOptions with(Key<T> key, T value) {
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new CallOptions(timeout, contentType, extensions, protocolVersion, interruptOnTimeout,
            Collections.unmodifiableMap(copy));
    }

    /**
     * These options with every setting left unset here taken from {@code defaults} (extensions and
     * keyed values merged, these winning).
     */
    public CallOptions orElse(CallOptions defaults) {
        if (defaults == DEFAULTS || defaults == null) {
            return this;
        }
        Map<Integer, Object> ext = extensions;
        if (!defaults.extensions.isEmpty()) {
            Map<Integer, Object> m = new LinkedHashMap<>(defaults.extensions);
            m.putAll(extensions);
            ext = Collections.unmodifiableMap(m);
        }
        Map<Key<?>, Object> vals = values;
        if (!defaults.values.isEmpty()) {
            Map<Key<?>, Object> m = new LinkedHashMap<>(defaults.values);
            m.putAll(values);
            vals = Collections.unmodifiableMap(m);
        }
        return new CallOptions(timeout != null ? timeout : defaults.timeout,
            contentType != null ? contentType : defaults.contentType, ext,
            protocolVersion != null ? protocolVersion : defaults.protocolVersion,
            interruptOnTimeout != null ? interruptOnTimeout : defaults.interruptOnTimeout, vals);
    }

    /**
     * The name of a typed option, compared by identity: create one as a constant.
     *
     * @param <T> the type of its values
     */
    public static final class Key<T> {
        private final String name;
        private final T defaultValue;

        private Key(String name, T defaultValue) {
            this.name = Objects.requireNonNull(name, "name");
            this.defaultValue = defaultValue;
        }

        /** A new key; {@code defaultValue} is what {@link CallOptions#get} answers when it is unset (may be null). */
        public static <T> Key<T> of(String name, T defaultValue) {
            return new Key<>(name, defaultValue);
        }

        /** The value when unset. */
        public T defaultValue() {
            return defaultValue;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static int checkId(Integer id) {
        if (id == null || id < Short.MIN_VALUE || id > Short.MAX_VALUE) {
            throw new IllegalArgumentException("extension id out of 16-bit range: " + id);
        }
        return id;
    }

    @Override
    public String toString() {
        return "CallOptions[timeout=" + timeout + ", contentType=" + contentType + ", extensions=" + extensions.keySet()
            + ", protocolVersion=" + protocolVersion + ", interruptOnTimeout=" + interruptOnTimeout
            + (values.isEmpty() ? "" : ", " + values) + "]";
    }
}
