package io.slacker.cli;

import io.slacker.SlackerException;
import io.slacker.cluster.ConfigConflictException;
import io.slacker.cluster.GroupedCallException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The exit codes of the command line tool, one per class of failure, and the mapping from exceptions. */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** Any failure not listed below (for example an answer that does not decode). */
    public static final int FAILURE = 1;
    /** Bad command line: unknown option, missing argument, malformed address or name. */
    public static final int USAGE = 2;
    /** The EDN given on the command line (arguments, extension values) does not read. */
    public static final int BAD_EDN = 3;
    /** The server could not be reached, or the connection broke before the answer. */
    public static final int UNREACHABLE = 4;
    /** The server has no such namespace or function; config: no such key. */
    public static final int NOT_FOUND = 5;
    /** The remote function threw; its message is printed. */
    public static final int REMOTE_EXCEPTION = 6;
    /** No answer within the timeout. */
    public static final int TIMEOUT = 7;
    /** The server refused the call: thread pool full, canceled, protocol error, too many calls in flight. */
    public static final int REFUSED = 8;
    /** Cluster: no server offers the namespace. */
    public static final int UNAVAILABLE = 9;
    /** Config: a compare-and-set update lost (the key is not at the expected version). */
    public static final int CONFLICT = 10;

    /** The exit code section of {@code --help}: code -> meaning. */
    static Map<String, String> help() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(String.valueOf(OK), "success");
        m.put(String.valueOf(FAILURE), "other failure (for example an answer that does not decode)");
        m.put(String.valueOf(USAGE), "bad command line (unknown option, missing argument, malformed address or ns/fn)");
        m.put(String.valueOf(BAD_EDN), "the EDN given on the command line does not read");
        m.put(String.valueOf(UNREACHABLE), "server (or ZooKeeper) unreachable, or the connection broke before the answer");
        m.put(String.valueOf(NOT_FOUND), "no such namespace or function (config: no such key)");
        m.put(String.valueOf(REMOTE_EXCEPTION), "the remote function threw (its message is printed)");
        m.put(String.valueOf(TIMEOUT), "no answer within --timeout");
        m.put(String.valueOf(REFUSED), "call refused (thread pool full, canceled, protocol error, backlog full)");
        m.put(String.valueOf(UNAVAILABLE), "cluster: no server offers the namespace");
        m.put(String.valueOf(CONFLICT), "config: compare-and-set lost (the key is not at the expected version)");
        return m;
    }

    private ExitCodes() {
    }

    /** The exit code for a failure. */
    public static int of(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof GroupedCallException && t.getCause() != null) {
            return of(t.getCause());
        }
        if (t instanceof ConfigConflictException) {
            return CONFLICT;
        }
        if (t instanceof BadEdnException) {
            return BAD_EDN;
        }
        if (t instanceof NotFound) {
            return NOT_FOUND;
        }
        if (t instanceof SlackerException se) {
            return switch (se.code()) {
                case CONNECTION_BROKEN -> UNREACHABLE;
                case NOT_FOUND -> NOT_FOUND;
                case REMOTE -> REMOTE_EXCEPTION;
                case TIMEOUT -> TIMEOUT;
                case THREAD_POOL_FULL, CANCELED, PROTOCOL, BACKLOG_OVERFLOW -> REFUSED;
                case UNAVAILABLE -> UNAVAILABLE;
                default -> FAILURE;
            };
        }
        return FAILURE;
    }

    /** A one-line description of a failure for standard error. */
    static String describe(Throwable error) {
        Throwable t = unwrap(error);
        String msg = t.getMessage() != null ? t.getMessage() : t.toString();
        if (t instanceof GroupedCallException) {
            return msg + "; first failure: " + describe(t.getCause());
        }
        return switch (of(t)) {
            case BAD_EDN -> "bad EDN: " + msg;
            // the client already says the server closed the connection and why
            case UNREACHABLE -> msg.contains("a Clojure slacker server does that") ? msg : "server unreachable: " + msg;
            case NOT_FOUND -> "not found: " + msg;
            case REMOTE_EXCEPTION -> "remote exception: " + msg;
            case TIMEOUT -> "timeout: " + msg;
            case REFUSED -> "refused: " + msg;
            case UNAVAILABLE -> "unavailable: " + msg;
            case CONFLICT -> "conflict: " + msg;
            default -> "failed: " + t;
        };
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** EDN from the command line that does not read. */
    static final class BadEdnException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadEdnException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The CLI's own "not found" (an inspect answer that names nothing). */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
