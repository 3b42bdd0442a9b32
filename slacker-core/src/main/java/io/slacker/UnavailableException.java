package io.slacker;

/** No server offers the namespace (cluster). */
public class UnavailableException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public UnavailableException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.UNAVAILABLE;
    }
}
