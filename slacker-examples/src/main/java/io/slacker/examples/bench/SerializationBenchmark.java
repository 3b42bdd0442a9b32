package io.slacker.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slacker.ContentType;
import io.slacker.data.Keyword;
import io.slacker.serialization.Serializer;
import io.slacker.serialization.Serializers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Throughput of every content type in {@link Serializers#defaults()} against plain Jackson
 * ({@code writeValueAsBytes} / {@code readTree} on the same data with string keys), measured in
 * the same run: encode and decode operations per second and encoded size, for a small and a
 * medium payload. A rough single-threaded measurement (warm-up, then a fixed time per cell),
 * not a JMH benchmark; the whole run takes under a minute.
 *
 * <p>Run: {@code java -cp ... io.slacker.examples.bench.SerializationBenchmark [seconds-per-cell]}.
 */
public final class SerializationBenchmark {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static volatile Object sink;

    private SerializationBenchmark() {
    }

    /** One measured operation. */
    @FunctionalInterface
    private interface Op {
        Object run() throws Exception;
    }

    /** One row of the table. */
    private record Row(String payload, String format, double encodeOps, double decodeOps, int bytes) {
    }

    /** Runs the benchmark and prints the table. */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Map<String, Supplier<Object>> payloads = new LinkedHashMap<>();
        payloads.put("small", () -> small(true));
        payloads.put("medium", () -> medium(true));
        Map<String, Supplier<Object>> plain = Map.of("small", () -> small(false), "medium", () -> medium(false));

        Serializers serializers = Serializers.defaults();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object>> p : payloads.entrySet()) {
            Object jsonValue = plain.get(p.getKey()).get();
            byte[] jsonBytes = JACKSON.writeValueAsBytes(jsonValue);
            rows.add(new Row(p.getKey(), "jackson (baseline)",
                    measure(() -> JACKSON.writeValueAsBytes(jsonValue), seconds),
                    measure(() -> JACKSON.readTree(jsonBytes), seconds), jsonBytes.length));
            Object value = p.getValue().get();
            for (ContentType t : serializers.contentTypes()) {
                Serializer s = serializers.get(t);
                byte[] bytes = s.serialize(value);
                rows.add(new Row(p.getKey(), t.wireName(), measure(() -> s.serialize(value), seconds),
                        measure(() -> s.deserialize(bytes), seconds), bytes.length));
            }
        }
        print(rows);
    }

    /** A vector of a few scalars: [42 "hello" :status 3.14 true]. */
    static Object small(boolean keywords) {
        return new ArrayList<>(List.of(42L, "hello", keywords ? Keyword.of("status") : "status", 3.14, true));
    }

    /** 100 maps with keyword keys: id, name, email, score, active, tags (a nested vector). */
    static Object medium(boolean keywords) {
        List<Object> users = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            Map<Object, Object> m = new LinkedHashMap<>();
            m.put(key("id", keywords), i);
            m.put(key("name", keywords), "user-" + i);
            m.put(key("email", keywords), "user" + i + "@example.com");
            m.put(key("score", keywords), i * 1.5);
            m.put(key("active", keywords), i % 2 == 0);
            m.put(key("tags", keywords), new ArrayList<>(List.of("admin", "beta", "tag-" + (i % 7))));
            users.add(m);
        }
        return users;
    }

    private static Object key(String name, boolean keyword) {
        return keyword ? Keyword.of(name) : name;
    }

    /** Operations per second: a third of the time to warm up, then the measured time. */
    private static double measure(Op op, double seconds) throws Exception {
        run(op, (long) (seconds * 0.3e9));
        return run(op, (long) (seconds * 1e9));
    }

    private static double run(Op op, long nanos) throws Exception {
        long start = System.nanoTime();
        long deadline = start + nanos;
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                sink = op.run();
            }
            count += 16;
            now = System.nanoTime();
        } while (now < deadline);
        return count * 1e9 / (now - start);
    }

    private static void print(List<Row> rows) {
        String fmt = "%-7s %-19s %13s %13s %8s %9s %9s%n";
        System.out.printf(Locale.ROOT, fmt, "payload", "format", "encode ops/s", "decode ops/s", "bytes", "enc/jack", "dec/jack");
        Row base = null;
        for (Row r : rows) {
            if (r.format().startsWith("jackson")) {
                base = r;
            }
            System.out.printf(Locale.ROOT, fmt, r.payload(), r.format(), String.format(Locale.ROOT, "%,.0f", r.encodeOps()),
                    String.format(Locale.ROOT, "%,.0f", r.decodeOps()), r.bytes(),
                    String.format(Locale.ROOT, "%.2f", r.encodeOps() / base.encodeOps()),
                    String.format(Locale.ROOT, "%.2f", r.decodeOps() / base.decodeOps()));
        }
    }
}
