package io.slacker.internal.protocol;

import io.slacker.SlackerException;

/**
 * Bytes that are not a valid slacker frame. Carries what the peer should be told: the result
 * code of the error frame, the version and transaction id to echo (when they could be read), and
 * whether the stream can go on ({@link #recoverable()}: the bad frame was skipped whole) or the
 * connection must be closed.
 */
public class MalformedFrameException extends SlackerException {
    private static final long serialVersionUID = 1L;

    private final ResultCode resultCode;
    private final int version;
    private final int tid;
    private final boolean recoverable;

    /** A protocol violation. */
    public MalformedFrameException(String message, ResultCode resultCode, int version, int tid, boolean recoverable) {
        super(message);
        this.resultCode = resultCode;
        this.version = version;
        this.tid = tid;
        this.recoverable = recoverable;
    }

    /** The code to answer with: protocol-mismatch or invalid-packet. */
    public ResultCode resultCode() {
        return resultCode;
    }

    /** The version to answer with (6 when the frame's version was not one we speak). */
    public int version() {
        return version;
    }

    /** The transaction id of the bad frame, or 0 when it could not be read. */
    public int tid() {
        return tid;
    }

    /** Whether the bad frame was consumed whole, so the next frame can be read. */
    public boolean recoverable() {
        return recoverable;
    }

    /** The error frame to send back for this violation. */
    public Frame.Error toErrorFrame() {
        return new Frame.Error(version, tid, resultCode);
    }

    @Override
    public io.slacker.ErrorCode code() {
        return io.slacker.ErrorCode.PROTOCOL;
    }
}
