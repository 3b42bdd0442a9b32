package io.slacker;

/** The server canceled the call (for example its deadline had passed). */
public class CanceledException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public CanceledException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public CanceledException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.CANCELED;
    }
}
