package io.slacker.sidecar.local;

import io.slacker.CallOptions;
import io.slacker.cluster.FailWhen;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The query parameters of {@code POST /call/NS/FN}: grouping, results, exceptions, failover, timeout (ms). */
final class Query {
    private Query() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        for (String k : m.keySet()) {
            if (!k.equals("grouping") && !k.equals("results") && !k.equals("exceptions") && !k.equals("failover")
                && !k.equals("timeout")) {
                throw new IllegalArgumentException("unknown query parameter '" + k
                    + "' (grouping, results, exceptions, failover, timeout)");
            }
        }
        return m;
    }

    static GroupingPolicy policy(Map<String, String> q) {
        GroupingPolicy p = GroupingPolicy.defaults();
        if (q.containsKey("grouping")) {
            p = p.withSelector(named(Grouping.class, q.get("grouping")));
            if (!q.containsKey("results") && p.selector() == Grouping.ALL) {
                p = p.withMerger(GroupingResults.MAP);
            }
        }
        if (q.containsKey("results")) {
            p = p.withMerger(named(GroupingResults.class, q.get("results")));
        }
        if (q.containsKey("exceptions")) {
            p = p.withFailWhen(named(FailWhen.class, q.get("exceptions")));
        }
        if (q.containsKey("failover")) {
            p = p.withFailover(number("failover", q.get("failover")));
        }
        return p;
    }

    static CallOptions options(Map<String, String> q) {
        CallOptions o = CallOptions.defaults();
        if (q.containsKey("timeout")) {
            o = o.withTimeout(Duration.ofMillis(number("timeout", q.get("timeout"))));
        }
        return o;
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative integer, not '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a " + type.getSimpleName().toLowerCase(Locale.ROOT)
                + " value");
        }
    }
}
