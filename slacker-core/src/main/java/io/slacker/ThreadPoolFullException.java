package io.slacker;

/** The server's worker pool and queue were full; the call was not run. */
public class ThreadPoolFullException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public ThreadPoolFullException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public ThreadPoolFullException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.THREAD_POOL_FULL;
    }
}
