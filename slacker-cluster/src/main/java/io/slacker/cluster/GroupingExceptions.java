package io.slacker.cluster;

/** When a call that went to several servers fails. */
public enum GroupingExceptions {
    /** Only when every server failed (the default); otherwise the successful answers are used. */
    ALL,
    /** As soon as any server failed. */
    ANY
}
