package io.slacker.interceptor;

import io.slacker.ContentType;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call as interceptors and functions see it: names, arguments, result or error, extensions.
 * Mutable; used by one thread at a time (the call's stages run one after another).
 *
 * <p>Extensions are decoded values keyed by their 16-bit id; the server sends the request's
 * extensions back with the response, as slacker does.
 */
public final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final String namespace;
    private final String function;
    private final ContentType contentType;
    private final int protocolVersion;
    private final SocketAddress remoteAddress;
    private final Map<Integer, Object> extensions = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private List<Object> args;
    private Object result;
    private Throwable error;
    private boolean resultSet;
    private boolean canceled;

    /** A context for a call of {@code namespace/function}. */
    public CallContext(String namespace, String function, ContentType contentType, int protocolVersion,
                       SocketAddress remoteAddress) {
        this.namespace = namespace;
        this.function = function;
        this.contentType = contentType;
        this.protocolVersion = protocolVersion;
        this.remoteAddress = remoteAddress;
    }

    /**
     * The context of the call the current thread is running (server side, inside the remote
     * function), or {@code null}.
     */
    public static CallContext current() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this context as {@link #current()}. */
    public <T> T runAsCurrent(java.util.concurrent.Callable<T> body) throws Exception {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The namespace, e.g. {@code slacker.example.api}. */
    public String namespace() {
        return namespace;
    }

    /** The function name, e.g. {@code rand-ints}. */
    public String function() {
        return function;
    }

    /** {@code namespace/function}. */
    public String fullName() {
        return namespace + "/" + function;
    }

    /** The call's content type. */
    public ContentType contentType() {
        return contentType;
    }

    /** The protocol version of the call (5 or 6). */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** The peer: the client on the server side, the server on the client side (may be null). */
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The arguments (decoded), or null before they are known. */
    public List<Object> args() {
        return args;
    }

    /** Replaces the arguments. */
    public void args(List<Object> args) {
        this.args = args;
    }

    /** The result, once there is one. */
    public Object result() {
        return result;
    }

    /**
     * Sets the result. Called in a server {@code before} stage, it answers the call without
     * invoking the function.
     */
    public void result(Object value) {
        this.result = value;
        this.resultSet = true;
        this.error = null;
    }

    /** Whether a result has been set. */
    public boolean hasResult() {
        return resultSet;
    }

    /** The failure of the call, or null. */
    public Throwable error() {
        return error;
    }

    /** Sets the failure (on the server: answered as an exception result). */
    public void error(Throwable error) {
        this.error = error;
        this.result = null;
        this.resultSet = false;
    }

    /** Cancels the call: the server answers with result code {@code canceled} and does not run it. */
    public void cancel() {
        this.canceled = true;
    }

    /** Whether the call was canceled. */
    public boolean isCanceled() {
        return canceled;
    }

    /** The extensions, by id (decoded values); modifiable. */
    public Map<Integer, Object> extensions() {
        return extensions;
    }

    /** One extension's value, or null. */
    public Object extension(int id) {
        return extensions.get(id);
    }

    /** Free-form attributes for interceptors to pass state between stages; modifiable. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "CallContext[" + fullName() + ", " + contentType + ", v" + protocolVersion + "]";
    }
}
