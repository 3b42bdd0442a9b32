package io.slacker.cluster;

import io.slacker.SlackerException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call that went to several servers failed by its {@link FailWhen} rule; holds each
 * server's failure (the first is also the cause).
 */
public class GroupedCallException extends SlackerException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Throwable> failures;

    /** @param failures the failures by {@code host:port}, in server order (not empty) */
    public GroupedCallException(String message, Map<String, Throwable> failures) {
        super(message, failures.values().iterator().next());
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** The failures by {@code host:port}, in server order. */
    public Map<String, Throwable> failures() {
        return failures;
    }

    @Override
    public io.slacker.ErrorCode code() {
        return io.slacker.ErrorCode.GROUPED;
    }
}
