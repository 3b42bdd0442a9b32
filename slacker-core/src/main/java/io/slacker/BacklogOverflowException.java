package io.slacker;

/** Too many calls in flight to one server: the call was refused locally, at once. */
public class BacklogOverflowException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public BacklogOverflowException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public BacklogOverflowException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.BACKLOG_OVERFLOW;
    }
}
