package io.slacker.cluster;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * How one cluster call is grouped: which servers ({@link Grouping} or a {@link ServerSelector}),
 * how answers combine ({@link GroupingResults} or a {@link ResultMerger}), when it fails
 * ({@link GroupingExceptions}), and how many failover retries a call that did not reach its
 * server gets. Immutable; {@code with...} returns a copy.
 */
public final class GroupingPolicy {
    private static final GroupingPolicy DEFAULTS =
        new GroupingPolicy(Grouping.RANDOM, null, GroupingResults.SINGLE, null, GroupingExceptions.ALL, 0);

    private final Grouping grouping;
    private final ServerSelector selector;
    private final GroupingResults results;
    private final ResultMerger merger;
    private final GroupingExceptions exceptions;
    private final int failover;

    private GroupingPolicy(Grouping grouping, ServerSelector selector, GroupingResults results, ResultMerger merger,
                           GroupingExceptions exceptions, int failover) {
        this.grouping = grouping;
        this.selector = selector;
        this.results = results;
        this.merger = merger;
        this.exceptions = exceptions;
        this.failover = failover;
    }

    /** RANDOM, SINGLE, exceptions ALL, no failover. */
    public static GroupingPolicy defaults() {
        return DEFAULTS;
    }

    /** The grouping, or {@code null} when a selector is set. */
    public Grouping grouping() {
        return grouping;
    }

    /** The selector, or {@code null}. */
    public ServerSelector selector() {
        return selector;
    }

    /** The results mode, or {@code null} when a merger is set. */
    public GroupingResults results() {
        return results;
    }

    /** The merger, or {@code null}. */
    public ResultMerger merger() {
        return merger;
    }

    /** The exceptions mode. */
    public GroupingExceptions exceptions() {
        return exceptions;
    }

    /** Failover retries (0: none). */
    public int failover() {
        return failover;
    }

    /** With a grouping (replacing a selector). */
    public GroupingPolicy withGrouping(Grouping g) {
        return new GroupingPolicy(Objects.requireNonNull(g), null, results, merger, exceptions, failover);
    }

    /** With a selector (replacing the grouping). */
    public GroupingPolicy withSelector(ServerSelector s) {
        return new GroupingPolicy(null, Objects.requireNonNull(s), results, merger, exceptions, failover);
    }

    /** With a results mode (replacing a merger). */
    public GroupingPolicy withResults(GroupingResults r) {
        return new GroupingPolicy(grouping, selector, Objects.requireNonNull(r), null, exceptions, failover);
    }

    /** With a merger (replacing the results mode). */
    public GroupingPolicy withMerger(ResultMerger m) {
        return new GroupingPolicy(grouping, selector, null, Objects.requireNonNull(m), exceptions, failover);
    }

    /** With an exceptions mode. */
    public GroupingPolicy withExceptions(GroupingExceptions e) {
        return new GroupingPolicy(grouping, selector, results, merger, Objects.requireNonNull(e), failover);
    }

    /**
     * With failover: a call that failed with {@link io.slacker.ConnectionBrokenException} (no
     * connection, or lost before the answer) is sent to another server, up to {@code retries}
     * times. A call the server answered, even with an error, is never retried. Not for
     * {@link Grouping#ALL} and {@link Grouping#LEADER}. Note that a call lost in flight may have
     * run on the first server.
     */
    public GroupingPolicy withFailover(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries < 0");
        }
        return new GroupingPolicy(grouping, selector, results, merger, exceptions, retries);
    }

    /** This policy overridden by a {@link Grouped} annotation (on the method, else its interface). */
    static GroupingPolicy forMethod(GroupingPolicy base, Method m) {
        Grouped g = m.getAnnotation(Grouped.class);
        if (g == null) {
            g = m.getDeclaringClass().getAnnotation(Grouped.class);
        }
        if (g == null) {
            return base;
        }
        GroupingPolicy p = base;
        if (g.value().length > 0) {
            p = p.withGrouping(g.value()[0]);
        }
        if (g.selector().length > 0) {
            p = p.withSelector(instantiate(g.selector()[0]));
        }
        if (g.results().length > 0) {
            p = p.withResults(g.results()[0]);
        }
        if (g.merger().length > 0) {
            p = p.withMerger(instantiate(g.merger()[0]));
        }
        if (g.exceptions().length > 0) {
            p = p.withExceptions(g.exceptions()[0]);
        }
        if (g.failover() >= 0) {
            p = p.withFailover(g.failover());
        }
        return p;
    }

    private static <T> T instantiate(Class<T> c) {
        try {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + c.getName() + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "GroupingPolicy[" + (selector != null ? "selector" : grouping) + ", " + (merger != null ? "merger" : results)
            + ", exceptions " + exceptions + ", failover " + failover + "]";
    }
}
