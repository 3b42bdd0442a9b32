package io.slacker;

/** The server has no such namespace or function. */
public class NotFoundException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public NotFoundException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.NOT_FOUND;
    }
}
