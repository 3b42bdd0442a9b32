package io.slacker.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.slacker.ContentType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One timer per (namespace, function, result, content type), cached so that recording a call
 * allocates nothing (it runs on I/O threads, once per call): a map by function name (whose hash
 * the string caches) to the function's namespaces, each with one slot per result and content type.
 */
final class CallTimers {
    private static final ContentType[] TYPES = ContentType.values();
    /** Slots per result: one per content type, and one for an unknown content type ({@code null}). */
    private static final int PER_RESULT = TYPES.length + 1;

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Tags commonTags;
    private final boolean histogram;
    private final List<String> results;
    private final ConcurrentMap<String, Function> byFunction = new ConcurrentHashMap<>();

    /** The timers of one (namespace, function); another namespace with the same function name is {@code next}. */
    private static final class Function {
        final String namespace;
        final Function next;
        final AtomicReferenceArray<Timer> timers;

        Function(String namespace, Function next, int slots) {
            this.namespace = namespace;
            this.next = next;
            this.timers = new AtomicReferenceArray<>(slots);
        }

        static Function find(Function head, String namespace) {
            Function f = head;
            while (f != null && !f.namespace.equals(namespace)) {
                f = f.next;
            }
            return f;
        }
    }

    /**
     * @param histogram whether the timers publish a percentile histogram; without it the registry's
     *                  meter filters decide (e.g. {@link SlackerMetrics#clientHistograms()})
     * @param results   the usual {@code result} tag values, the most frequent first: each gets a
     *                  cache slot (any other value is looked up in the registry)
     */
    CallTimers(MeterRegistry registry, String name, String description, Tags commonTags, boolean histogram,
               List<String> results) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.commonTags = commonTags;
        this.histogram = histogram;
        this.results = List.copyOf(results);
    }

    /**
     * Records one call.
     *
     * @param contentType the call's content type; {@code null} is tagged {@value ServerMetrics#UNKNOWN}
     */
    void record(String namespace, String function, ContentType contentType, String result, long nanos) {
        int r = results.indexOf(result);
        Timer t = r < 0 ? register(namespace, function, contentType, result) : timer(namespace, function, contentType, r);
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String namespace, String function, ContentType contentType, int result) {
        Function f = Function.find(byFunction.get(function), namespace);
        if (f == null) {
            f = Function.find(byFunction.compute(function, (k, head) ->
                Function.find(head, namespace) != null ? head : new Function(namespace, head, results.size() * PER_RESULT)),
                namespace);
        }
        int slot = result * PER_RESULT + (contentType == null ? TYPES.length : contentType.ordinal());
        Timer t = f.timers.get(slot);
        if (t == null) {
            // the registry returns the same timer for the same tags, so a race registers nothing twice
            t = register(namespace, function, contentType, results.get(result));
            f.timers.set(slot, t);
        }
        return t;
    }

    private Timer register(String namespace, String function, ContentType contentType, String result) {
        return Timer.builder(name)
            .description(description)
            .tags(commonTags)
            .tag("namespace", namespace)
            .tag("function", function)
            .tag("result", result)
            .tag("content.type", contentType == null ? ServerMetrics.UNKNOWN : contentType.wireName())
            .publishPercentileHistogram(histogram ? Boolean.TRUE : null)
            .register(registry);
    }
}
