package io.slacker.testkit;

import java.util.function.Supplier;

/**
 * The one generator of random data-model values for property tests, reproducible from a seed,
 * with a profile per format: what the format carries exactly, and its edge cases.
 */
public final class ValueGenerator {
    /** 0001-01-01T00:00:00.000 in the hybrid calendar that java.util.Date prints. */
    public static final long MIN_INST_MILLIS = -62135769600000L;
    /** 9999-12-31T23:59:59.999Z. */
    public static final long MAX_INST_MILLIS = 253402300799999L;

    /** What a format can carry exactly. */
    public enum Profile {
        /** EDN text: everything Clojure reads back as the same value (no byte arrays), tricky strings and names. */
        EDN,
        /** nippy: everything, Instants with nanoseconds, byte arrays, size-class boundaries. */
        NIPPY,
        /** transit: Instants of whole milliseconds (transit's "m"); everything else as nippy. */
        TRANSIT
    }

    private final Supplier<Object> values;

    /** Values of this profile, nested at most {@code maxDepth} levels. */
    public ValueGenerator(long seed, Profile profile, int maxDepth) {
        if (profile == Profile.EDN) {
            EdnValues edn = new EdnValues(seed);
            this.values = () -> edn.any(maxDepth);
        } else {
            this.values = new BinaryValues(seed, profile, maxDepth)::next;
        }
    }

    /** The next value. */
    public Object next() {
        return values.get();
    }
}
