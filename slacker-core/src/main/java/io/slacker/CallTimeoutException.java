package io.slacker;

/** No answer within the call's timeout. */
public class CallTimeoutException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public CallTimeoutException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public CallTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.TIMEOUT;
    }
}
