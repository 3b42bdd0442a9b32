package io.slacker.cluster;

/**
 * When a call that went to several servers fails, with a {@link GroupedCallException} (slacker's
 * {@code :grouping-exceptions}).
 */
public enum FailWhen {
    /** Only when every server failed (the default); otherwise the successful answers are used. */
    ALL,
    /** As soon as any server failed. */
    ANY
}
