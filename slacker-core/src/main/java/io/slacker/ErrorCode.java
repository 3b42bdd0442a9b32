package io.slacker;

/**
 * What went wrong with a call, as a stable value to decide on ({@link SlackerException#code()}):
 * retry, fail over, report. The names do not change between versions; new codes may be added.
 */
public enum ErrorCode {
    /** A failure on this side that fits no other code (a result that does not convert, a bug). */
    INTERNAL,
    /** The remote function threw ({@link RemoteException}). */
    REMOTE,
    /** The server has no such function ({@link NotFoundException}). */
    NOT_FOUND,
    /** The server's pool was full or it is stopping; the call did not run ({@link ThreadPoolFullException}). */
    THREAD_POOL_FULL,
    /** The server canceled the call, e.g. its deadline had passed ({@link CanceledException}). */
    CANCELED,
    /** A protocol violation by either side ({@link RemoteProtocolException}). */
    PROTOCOL,
    /** No answer within the call's timeout ({@link CallTimeoutException}). */
    TIMEOUT,
    /** The connection could not be made or was lost before the answer ({@link ConnectionBrokenException}). */
    CONNECTION_BROKEN,
    /** Too many calls in flight on this client; the call was not sent ({@link BacklogOverflowException}). */
    BACKLOG_OVERFLOW,
    /** The call's encoded body is over the client's maximum body size; it was not sent ({@link FrameTooLargeException}). */
    FRAME_TOO_LARGE,
    /** No server offers the namespace ({@link UnavailableException}). */
    UNAVAILABLE,
    /** A value could not be encoded or decoded. */
    SERIALIZATION,
    /** A call that went to several servers failed there (the cluster's grouped failure). */
    GROUPED,
    /** A cluster configuration operation failed: missing key, invalid value, ZooKeeper unreachable for a write. */
    CONFIG,
    /** A compare-and-set update of a cluster configuration key lost. */
    CONFIG_CONFLICT
}
