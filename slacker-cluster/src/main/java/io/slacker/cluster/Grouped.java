package io.slacker.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-method grouping of a {@link ClusterClient} proxy; what is left out takes the client's
 * setting. Each element is an array so that "not set" can be told apart (write
 * {@code @Grouped(value = Grouping.ALL, results = GroupingResults.VECTOR)}).
 *
 * <pre>{@code
 * @Grouped(value = Grouping.ALL, results = GroupingResults.VECTOR)
 * @Function("timestamp") List<Long> allTimestamps();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Grouped {
    /** The grouping (at most one). */
    Grouping[] value() default {};

    /** A selector class with a public no-argument constructor, instead of {@link #value()}. */
    Class<? extends ServerSelector>[] selector() default {};

    /** How answers combine (at most one). */
    GroupingResults[] results() default {};

    /** A merger class with a public no-argument constructor, instead of {@link #results()}. */
    Class<? extends ResultMerger>[] merger() default {};

    /** When a multi-server call fails (at most one). */
    FailWhen[] failWhen() default {};

    /** Failover retries for calls that did not reach their server; negative: the client's. */
    int failover() default -1;
}
