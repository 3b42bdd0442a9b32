package io.slacker.internal.call;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.spi.CallContext;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of one call: the {@link CallContext} the client and the server pass through the interceptors. */
public final class CallState implements CallContext {
    private static final ThreadLocal<CallState> CURRENT = new ThreadLocal<>();

    private final String namespace;
    private final String function;
    private final ContentType contentType;
    private final int protocolVersion;
    private final SocketAddress remoteAddress;
    private final boolean clientSide;
    private CallOptions options;
    /** Made on first use: most calls carry no extensions. */
    private Map<Integer, Object> extensions;
    private Map<String, Object> attributes;
    private String fullName;
    private List<Object> args;
    private Object result;
    private Throwable error;
    private boolean resultSet;
    private boolean canceled;

    /** The client's side of a call of {@code namespace/function}, with its effective (fully resolved) options. */
    public CallState(String namespace, String function, CallOptions options, SocketAddress remoteAddress) {
        this(namespace, function, null, options, remoteAddress);
    }

    /**
     * The client's side of a call, with its full name ({@code namespace/function}) already known
     * ({@code null}: made when first asked for).
     */
    public CallState(String namespace, String function, String fullName, CallOptions options, SocketAddress remoteAddress) {
        this(true, namespace, function, options.contentType(), options.protocolVersion(), remoteAddress);
        this.options = options;
        this.fullName = fullName;
    }

    /** The server's side of a call of {@code namespace/function}. */
    public CallState(String namespace, String function, ContentType contentType, int protocolVersion,
                     SocketAddress remoteAddress) {
        this(false, namespace, function, contentType, protocolVersion, remoteAddress);
    }

    private CallState(boolean clientSide, String namespace, String function, ContentType contentType, int protocolVersion,
                      SocketAddress remoteAddress) {
        this.clientSide = clientSide;
        this.namespace = namespace;
        this.function = function;
        this.contentType = contentType;
        this.protocolVersion = protocolVersion;
        this.remoteAddress = remoteAddress;
    }

    /** The call the current thread is running, or {@code null}. */
    public static CallState current() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this context as {@link #current()}. */
    public <T> T runAsCurrent(java.util.concurrent.Callable<T> body) throws Exception {
        CallState previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            // set, not remove: a pooled thread keeps its entry instead of making one per call
            CURRENT.set(previous);
        }
    }

    @Override
    public boolean clientSide() {
        return clientSide;
    }

    @Override
    public CallOptions options() {
        if (options == null) {
            options = CallOptions.defaults().withContentType(contentType).withProtocolVersion(protocolVersion);
        }
        return options;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String function() {
        return function;
    }

    @Override
    public ContentType contentType() {
        return contentType;
    }

    @Override
    public int protocolVersion() {
        return protocolVersion;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public List<Object> args() {
        return args;
    }

    @Override
    public void args(List<Object> args) {
        this.args = args;
    }

    @Override
    public Object result() {
        return result;
    }

    @Override
    public void result(Object value) {
        this.result = value;
        this.resultSet = true;
        this.error = null;
    }

    @Override
    public boolean hasResult() {
        return resultSet;
    }

    @Override
    public Throwable error() {
        return error;
    }

    @Override
    public void error(Throwable error) {
        this.error = error;
        this.result = null;
        this.resultSet = false;
    }

    @Override
    public void cancel() {
        this.canceled = true;
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    @Override
    public Map<Integer, Object> extensions() {
        if (extensions == null) {
            extensions = new LinkedHashMap<>();
        }
        return extensions;
    }

    /** Whether there is an extension (without making the map). */
    public boolean hasExtensions() {
        return extensions != null && !extensions.isEmpty();
    }

    /** The extensions set so far, without making the map when there are none (then empty, read-only). */
    public Map<Integer, Object> extensionsSoFar() {
        return extensions == null ? Map.of() : extensions;
    }

    @Override
    public Object extension(int id) {
        return extensions == null ? null : extensions.get(id);
    }

    @Override
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        return attributes;
    }

    @Override
    public String fullName() {
        if (fullName == null) {
            fullName = namespace + "/" + function;
        }
        return fullName;
    }

    @Override
    public String toString() {
        return "CallContext[" + fullName() + ", " + contentType + ", v" + protocolVersion + "]";
    }
}
