package io.slacker.sidecar.app;

/**
 * The application answered a call with an HTTP error status (or could not be reached). Thrown
 * from a sidecar function, it reaches the caller as a remote exception carrying this message:
 * the request, the status and the body.
 */
public final class AppCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    /**
     * @param request what was sent, e.g. {@code POST http://127.0.0.1:5000/add}
     * @param status  the HTTP status (0: no answer)
     * @param body    the body of the answer (empty when none)
     */
    public AppCallException(String request, int status, String body) {
        super(request + " answered HTTP " + status + (body.isEmpty() ? "" : ": " + body));
        this.status = status;
        this.body = body;
    }

    /** No answer at all. */
    public AppCallException(String request, Throwable cause) {
        super(request + " failed: " + cause, cause);
        this.status = 0;
        this.body = "";
    }

    /** The HTTP status (0 when there was no answer). */
    public int status() {
        return status;
    }

    /** The body of the answer. */
    public String body() {
        return body;
    }
}
