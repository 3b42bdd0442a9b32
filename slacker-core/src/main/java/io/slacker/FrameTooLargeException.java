package io.slacker;

/**
 * A call whose encoded body (arguments and extensions) is larger than the client's maximum body
 * size: refused before anything was sent. The message names the size and the limit.
 */
public class FrameTooLargeException extends SlackerException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /** A body of {@code size} bytes against a limit of {@code limit} bytes. */
    public FrameTooLargeException(String message, long size, long limit) {
        super(message);
        this.size = size;
        this.limit = limit;
    }

    /** The encoded body size in bytes. */
    public long size() {
        return size;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.FRAME_TOO_LARGE;
    }
}
