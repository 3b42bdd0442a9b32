package io.slacker.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One timer per (namespace, function, result, content type), cached: recording a call costs a
 * map lookup and the timer's record, not a registry lookup.
 */
final class CallTimers {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Tags commonTags;
    private final boolean histogram;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String namespace, String function, String contentType, String result) {
    }

    /**
     * @param histogram whether the timers publish a percentile histogram; without it the registry's
     *                  meter filters decide (e.g. {@link SlackerMetrics#clientHistograms()})
     */
    CallTimers(MeterRegistry registry, String name, String description, Tags commonTags, boolean histogram) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.commonTags = commonTags;
        this.histogram = histogram;
    }

    void record(String namespace, String function, String contentType, String result, long nanos) {
        timers.computeIfAbsent(new Key(namespace, function, contentType, result), this::timer)
            .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key k) {
        return register(registry, name, description, commonTags, k.namespace(), k.function(), k.result(), k.contentType(),
            histogram);
    }

    /** Registers (or finds) the timer of one (namespace, function, result, content type). */
    static Timer register(MeterRegistry registry, String name, String description, Tags commonTags, String namespace,
                          String function, String result, String contentType, boolean histogram) {
        return Timer.builder(name)
            .description(description)
            .tags(commonTags)
            .tag("namespace", namespace)
            .tag("function", function)
            .tag("result", result)
            .tag("content.type", contentType)
            .publishPercentileHistogram(histogram ? Boolean.TRUE : null)
            .register(registry);
    }
}
