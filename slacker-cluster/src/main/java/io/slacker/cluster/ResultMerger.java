package io.slacker.cluster;

import java.util.Map;

/** Combines the successful answers of one cluster call; the built-in ways are the {@link GroupingResults} constants. */
@FunctionalInterface
public interface ResultMerger {
    /**
     * @param results the successful answers by {@code host:port}, in server order; never empty
     *                (a call without any success fails before merging)
     * @return the call's result
     */
    Object merge(String namespace, String function, Map<String, Object> results);
}
