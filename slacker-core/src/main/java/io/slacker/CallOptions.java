package io.slacker;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call settings of a client call. Immutable; every {@code with...} method returns a copy.
 * Settings left unset ({@code null}) take the client's defaults.
 *
 * <pre>{@code
 * client.call("slacker.example.api", "echo", List.of("v"),
 *     CallOptions.defaults().withTimeout(Duration.ofSeconds(2)).withExtension(16, Map.of(Keyword.of("k"), 1)));
 * }</pre>
 */
public final class CallOptions {
    private static final CallOptions DEFAULTS = new CallOptions(null, null, Map.of(), null, null);

    private final Duration timeout;
    private final ContentType contentType;
    private final Map<Integer, Object> extensions;
    private final Integer protocolVersion;
    private final Boolean interruptOnTimeout;

    private CallOptions(Duration timeout, ContentType contentType, Map<Integer, Object> extensions,
                        Integer protocolVersion, Boolean interruptOnTimeout) {
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
        return new CallOptions(timeout, contentType, extensions, protocolVersion, interruptOnTimeout);
    }

    /** With this content type. */
    public CallOptions withContentType(ContentType contentType) {
        return new CallOptions(timeout, Objects.requireNonNull(contentType, "contentType"), extensions,
            protocolVersion, interruptOnTimeout);
    }

    /** With these extensions instead of the current ones (iteration order kept). */
    public CallOptions withExtensions(Map<Integer, ?> extensions) {
        Map<Integer, Object> copy = new LinkedHashMap<>();
        extensions.forEach((id, v) -> copy.put(checkId(id), v));
        return new CallOptions(timeout, contentType, Collections.unmodifiableMap(copy), protocolVersion, interruptOnTimeout);
    }

    /** With one more extension (replacing a value with the same id). */
    public CallOptions withExtension(int id, Object value) {
        Map<Integer, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(checkId(id), value);
        return new CallOptions(timeout, contentType, Collections.unmodifiableMap(copy), protocolVersion, interruptOnTimeout);
    }

    /** With this protocol version: 5 or 6. */
    public CallOptions withProtocolVersion(int version) {
        if (version != 5 && version != 6) {
            throw new IllegalArgumentException("protocol version must be 5 or 6: " + version);
        }
        return new CallOptions(timeout, contentType, extensions, version, interruptOnTimeout);
    }

    /** Whether to send an interrupt to the server when the call times out. */
    public CallOptions withInterruptOnTimeout(boolean interrupt) {
        return new CallOptions(timeout, contentType, extensions, protocolVersion, interrupt);
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
            + ", protocolVersion=" + protocolVersion + ", interruptOnTimeout=" + interruptOnTimeout + "]";
    }
}
