package io.slacker.cluster;

/**
 * Which servers of a namespace a cluster call goes to. A user-defined choice is a
 * {@link ServerSelector}.
 */
public enum Grouping {
    /** One server picked at random (the default). */
    RANDOM,
    /** The first server: the leader when there is one, then the others by address. */
    FIRST,
    /** The elected leader only; unavailable while the namespace has no live leader. */
    LEADER,
    /** The server with the fewest calls waiting for an answer from this client. */
    LEAST_IN_FLIGHT,
    /** One server at random, in proportion to the {@code :weight} of its server data (default 1). */
    WEIGHTED,
    /** Every server; the answers are combined by {@link GroupingResults}. */
    ALL
}
