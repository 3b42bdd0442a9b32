package io.slacker.cluster;

/**
 * How the answers of the servers a call went to become its result. A user-defined combination
 * is a {@link ResultMerger}. Only successful answers are combined; failures are governed by
 * {@link GroupingExceptions}.
 */
public enum GroupingResults {
    /** The first successful answer (in server order: leader first). The default. */
    SINGLE,
    /** A list of the successful answers, in server order. */
    VECTOR,
    /** A map from {@code host:port} to answer, in server order. */
    MAP,
    /** Always {@code null} (the call still waits for the answers and reports failures). */
    NIL
}
