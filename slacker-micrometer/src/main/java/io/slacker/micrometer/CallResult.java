package io.slacker.micrometer;

import io.slacker.BacklogOverflowException;
import io.slacker.CallTimeoutException;
import io.slacker.CanceledException;
import io.slacker.ConnectionBrokenException;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.ThreadPoolFullException;
import java.util.Arrays;
import java.util.List;

/** The outcome of a client call, as its {@code result} tag: {@code success} or the kind of its failure. */
enum CallResult {
    SUCCESS("success"),
    EXCEPTION("exception"),
    TIMEOUT("timeout"),
    NOT_FOUND("not-found"),
    THREAD_POOL_FULL("thread-pool-full"),
    CANCELED("canceled"),
    CONNECTION_BROKEN("connection-broken"),
    BACKLOG_OVERFLOW("backlog-overflow"),
    ERROR("error");

    /** The tags, in declaration order. */
    static final List<String> TAGS = Arrays.stream(values()).map(CallResult::tag).toList();

    private final String tag;

    CallResult(String tag) {
        this.tag = tag;
    }

    /** The tag value. */
    String tag() {
        return tag;
    }

    /** The outcome of a call that failed with {@code error} ({@code null}: it succeeded). */
    static CallResult of(Throwable error) {
        if (error == null) {
            return SUCCESS;
        }
        if (error instanceof CallTimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof RemoteException) {
            return EXCEPTION;
        }
        if (error instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (error instanceof ThreadPoolFullException) {
            return THREAD_POOL_FULL;
        }
        if (error instanceof CanceledException) {
            return CANCELED;
        }
        if (error instanceof ConnectionBrokenException) {
            return CONNECTION_BROKEN;
        }
        if (error instanceof BacklogOverflowException) {
            return BACKLOG_OVERFLOW;
        }
        return ERROR;
    }
}
