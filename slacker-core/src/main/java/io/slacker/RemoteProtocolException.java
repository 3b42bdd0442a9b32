package io.slacker;

/** The peer answered with a protocol error (protocol-mismatch, invalid-packet, acl-reject). */
public class RemoteProtocolException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public RemoteProtocolException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public RemoteProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.PROTOCOL;
    }
}
