package io.slacker.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;

/**
 * The built-in ways the answers of the servers a call went to become its result (slacker's
 * {@code :grouping-results}). Each is a {@link ResultMerger}; a user-defined combination is
 * another one. Only successful answers are combined; failures are governed by {@link FailWhen}.
 */
public enum GroupingResults implements ResultMerger {
    /** The first successful answer (in server order: leader first). The default. */
    SINGLE {
        @Override
        public Object merge(String namespace, String function, Map<String, Object> results) {
            return results.values().iterator().next();
        }
    },
    /** A list of the successful answers, in server order. */
    VECTOR {
        @Override
        public Object merge(String namespace, String function, Map<String, Object> results) {
            return Collections.unmodifiableList(new ArrayList<>(results.values()));
        }
    },
    /** A map from {@code host:port} to answer, in server order. */
    MAP {
        @Override
        public Object merge(String namespace, String function, Map<String, Object> results) {
            return results;
        }
    },
    /** Always {@code null} (the call still waits for the answers and reports failures). */
    NIL {
        @Override
        public Object merge(String namespace, String function, Map<String, Object> results) {
            return null;
        }
    }
}
