package io.slacker;

/** The connection to the server was lost (or could not be made) before the answer arrived. */
public class ConnectionBrokenException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public ConnectionBrokenException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public ConnectionBrokenException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.CONNECTION_BROKEN;
    }
}
