package io.slacker;

/** No answer within the call's timeout. */
public class TimeoutException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public TimeoutException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
