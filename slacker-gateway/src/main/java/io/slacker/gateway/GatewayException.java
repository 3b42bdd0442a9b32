package io.slacker.gateway;

/**
 * A failure with a chosen HTTP status. Thrown by a filter, it reaches the error filters, which
 * render it as {@code {"error": code, "message": message, "data": data}}.
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Object data;

    /**
     * @param status  the HTTP status
     * @param code    a short machine-readable error name, e.g. {@code "bad-request"}
     * @param message the human-readable message
     */
    public GatewayException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    /** The same, with extra data for the body and a cause. */
    public GatewayException(int status, String code, String message, Object data, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.data = data;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The error name. */
    public String code() {
        return code;
    }

    /** Extra data for the error body, or null. */
    public Object data() {
        return data;
    }
}
