package io.slacker;

/** The remote function threw: carries the server's message (the exception's string as the server sent it). */
public class RemoteException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public RemoteException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.REMOTE;
    }
}
