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
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String namespace, String function, String contentType, String result) {
    }

    CallTimers(MeterRegistry registry, String name, String description, Tags commonTags) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.commonTags = commonTags;
    }

    void record(String namespace, String function, String contentType, String result, long nanos) {
        timers.computeIfAbsent(new Key(namespace, function, contentType, result), this::timer)
            .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key k) {
        return Timer.builder(name)
            .description(description)
            .tags(commonTags)
            .tag("namespace", k.namespace())
            .tag("function", k.function())
            .tag("result", k.result())
            .tag("content.type", k.contentType())
            .publishPercentileHistogram()
            .register(registry);
    }
}
