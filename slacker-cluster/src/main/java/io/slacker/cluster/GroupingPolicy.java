package io.slacker.cluster;

import io.slacker.CallOptions;
import io.slacker.ErrorCode;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * How one cluster call is grouped: which servers (a {@link ServerSelector}, e.g. a
 * {@link Grouping}), how their answers combine (a {@link ResultMerger}, e.g. a
 * {@link GroupingResults}), when it fails ({@link FailWhen}), and how many failover retries a call
 * that did not reach its server gets. Immutable; {@code with...} returns a copy.
 *
 * <p>A policy travels as a per-call option: {@code cluster.call(ns, fn, args, policy.options())},
 * or {@code options.with(GroupingPolicy.KEY, policy)}; calls without one use the client's.
 */
public final class GroupingPolicy {
    private static final GroupingPolicy DEFAULTS =
        new GroupingPolicy(Grouping.RANDOM, GroupingResults.SINGLE, FailWhen.ALL, 0);

    /** The {@link CallOptions} key a per-call policy travels under. */
    public static final CallOptions.Key<GroupingPolicy> KEY = CallOptions.Key.of("slacker.cluster.grouping", null);

    private final ServerSelector selector;
    private final ResultMerger merger;
    private final FailWhen failWhen;
    private final int failover;

    private GroupingPolicy(ServerSelector selector, ResultMerger merger, FailWhen failWhen, int failover) {
        this.selector = selector;
        this.merger = merger;
        this.failWhen = failWhen;
        this.failover = failover;
    }

    /** RANDOM, SINGLE, fail when ALL failed, no failover. */
    public static GroupingPolicy defaults() {
        return DEFAULTS;
    }

    /** Which servers a call goes to. */
    public ServerSelector selector() {
        return selector;
    }

    /** How the answers combine. */
    public ResultMerger merger() {
        return merger;
    }

    /** When a multi-server call fails. */
    public FailWhen failWhen() {
        return failWhen;
    }

    /** Failover retries (0: none). */
    public int failover() {
        return failover;
    }

    /** With this server choice: a {@link Grouping} or a selector of your own. */
    public GroupingPolicy withSelector(ServerSelector s) {
        return new GroupingPolicy(Objects.requireNonNull(s, "selector"), merger, failWhen, failover);
    }

    /** With this combination of answers: a {@link GroupingResults} or a merger of your own. */
    public GroupingPolicy withMerger(ResultMerger m) {
        return new GroupingPolicy(selector, Objects.requireNonNull(m, "merger"), failWhen, failover);
    }

    /** With this failure rule. */
    public GroupingPolicy withFailWhen(FailWhen f) {
        return new GroupingPolicy(selector, merger, Objects.requireNonNull(f, "failWhen"), failover);
    }

    /**
     * With failover: a call that failed with {@link ErrorCode#CONNECTION_BROKEN} (no connection,
     * or lost before the answer) is sent to another server, up to {@code retries} times. A call the
     * server answered, even with an error, is never retried. Not for {@link Grouping#ALL} and
     * {@link Grouping#LEADER}. Note that a call lost in flight may have run on the first server.
     */
    public GroupingPolicy withFailover(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries < 0");
        }
        return new GroupingPolicy(selector, merger, failWhen, retries);
    }

    /** Whether a failure with this code may be sent to another server. */
    public static boolean failsOver(ErrorCode code) {
        return code == ErrorCode.CONNECTION_BROKEN;
    }

    /** {@link CallOptions#defaults()} carrying this policy. */
    public CallOptions options() {
        return CallOptions.defaults().with(KEY, this);
    }

    /** The policy of a call: its options', else {@code fallback}. */
    public static GroupingPolicy of(CallOptions options, GroupingPolicy fallback) {
        GroupingPolicy p = options == null ? null : options.get(KEY);
        return p != null ? p : fallback;
    }

    /** This policy overridden by a {@link Grouped} annotation (on the method, else its interface). */
    public GroupingPolicy forMethod(Method m) {
        Grouped g = m.getAnnotation(Grouped.class);
        if (g == null) {
            g = m.getDeclaringClass().getAnnotation(Grouped.class);
        }
        if (g == null) {
            return this;
        }
        GroupingPolicy p = this;
        if (g.value().length > 0) {
            p = p.withSelector(g.value()[0]);
        }
        if (g.selector().length > 0) {
            p = p.withSelector(instantiate(g.selector()[0]));
        }
        if (g.results().length > 0) {
            p = p.withMerger(g.results()[0]);
        }
        if (g.merger().length > 0) {
            p = p.withMerger(instantiate(g.merger()[0]));
        }
        if (g.failWhen().length > 0) {
            p = p.withFailWhen(g.failWhen()[0]);
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
        return "GroupingPolicy[" + selector + ", " + merger + ", fail when " + failWhen + ", failover " + failover + "]";
    }
}
