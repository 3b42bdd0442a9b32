package io.slacker.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.slacker.ContentType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The client's call timers, found without allocating: a map by function name (whose hash the
 * string caches) to the function's namespaces, each with one slot per result and content type.
 */
final class ClientCallTimers {
    private static final CallResult[] RESULTS = CallResult.values();
    private static final ContentType[] TYPES = ContentType.values();

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Tags commonTags;
    private final ConcurrentMap<String, Function> byFunction = new ConcurrentHashMap<>();

    /** The timers of one (namespace, function); another namespace with the same function name is {@code next}. */
    private static final class Function {
        final String namespace;
        final Function next;
        final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(RESULTS.length * TYPES.length);

        Function(String namespace, Function next) {
            this.namespace = namespace;
            this.next = next;
        }

        static Function find(Function head, String namespace) {
            Function f = head;
            while (f != null && !f.namespace.equals(namespace)) {
                f = f.next;
            }
            return f;
        }
    }

    ClientCallTimers(MeterRegistry registry, String name, String description, Tags commonTags) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.commonTags = commonTags;
    }

    /** The timer of a call. */
    Timer timer(String namespace, String function, ContentType contentType, CallResult result) {
        Function f = Function.find(byFunction.get(function), namespace);
        if (f == null) {
            f = Function.find(byFunction.compute(function,
                (k, head) -> Function.find(head, namespace) != null ? head : new Function(namespace, head)), namespace);
        }
        int slot = result.ordinal() * TYPES.length + contentType.ordinal();
        Timer t = f.timers.get(slot);
        if (t == null) {
            // the registry returns the same timer for the same tags, so a race registers nothing twice
            t = CallTimers.register(registry, name, description, commonTags, namespace, function, result.tag(),
                contentType.wireName(), false);
            f.timers.set(slot, t);
        }
        return t;
    }
}
