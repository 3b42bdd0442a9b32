package io.slacker.cluster;

import io.slacker.SlackerException;

/**
 * A {@link ClusterConfig} operation failed: a missing key where one is required, a value that is
 * not valid EDN or not of the type asked for, or ZooKeeper not reachable for a write.
 */
public class ConfigException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public ConfigException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public io.slacker.ErrorCode code() {
        return io.slacker.ErrorCode.CONFIG;
    }
}
