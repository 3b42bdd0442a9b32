package io.slacker.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slacker.ContentType;
import io.slacker.data.Keyword;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Throughput of every content type in {@link Serializers#defaults()} (carb, json, clj, nippy,
 * transit-json, transit-msgpack and the deflate variants) against plain Jackson
 * ({@code writeValueAsBytes} / {@code readTree} on the same data with string keys), measured in
 * the same run: encode and decode operations per second and encoded size, for a small and a
 * medium payload, and whether the value decodes back equal (JSON, for one, turns keywords into
 * strings, so "no" there is expected).
 *
 * <p>A rough single-threaded measurement, not a JMH benchmark: every cell is first warmed up,
 * then measured in three rounds that go over all cells in turn (so background load hits the
 * baseline and the candidates alike), keeping each cell's best round. Besides operations per
 * second (wall clock) each cell gets the measuring thread's CPU time and allocated bytes per
 * operation, which other processes on the machine move much less; the transit / EDN ratios at
 * the end are by CPU time (wall-clock ratios in parentheses). With the default of 0.9 s per cell
 * the whole run takes about a minute.
 *
 * <p>Run: {@code java -cp ... io.slacker.examples.bench.SerializationBenchmark [seconds-per-cell]
 * [formats]}, where {@code formats} is an optional comma-separated list of wire names (for
 * instance {@code transit-msgpack,transit-json}) to measure only those; clj, the baseline of the
 * transit ratios, and Jackson are always measured.
 */
public final class SerializationBenchmark {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private SerializationBenchmark() {
    }

    /** One measured operation. */
    @FunctionalInterface
    private interface Op {
        Object run() throws Exception;
    }

    /** One cell: an encode and a decode operation of one format on one payload. */
    private static final class Cell {
        final String payload;
        final String format;
        final Op encode;
        final Op decode;
        final int bytes;
        final String same;
        double encodeOps;
        double decodeOps;
        double encodeCpu = Double.MAX_VALUE;
        double decodeCpu = Double.MAX_VALUE;
        double encodeAlloc;
        double decodeAlloc;

        Cell(String payload, String format, Op encode, Op decode, int bytes, String same) {
            this.payload = payload;
            this.format = format;
            this.encode = encode;
            this.decode = decode;
            this.bytes = bytes;
            this.same = same;
        }
    }

    /** Runs the benchmark and prints the table. */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.9;
        Set<String> only = args.length > 1 ? new HashSet<>(List.of(args[1].split(","))) : null;
        int rounds = 3;
        Map<String, Supplier<Object>> payloads = new LinkedHashMap<>();
        payloads.put("small", () -> small(true));
        payloads.put("medium", () -> medium(true));
        Map<String, Supplier<Object>> plain = Map.of("small", () -> small(false), "medium", () -> medium(false));

        Serializers serializers = Serializers.defaults();
        List<Cell> cells = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object>> p : payloads.entrySet()) {
            Object jsonValue = plain.get(p.getKey()).get();
            byte[] jsonBytes = JACKSON.writeValueAsBytes(jsonValue);
            cells.add(new Cell(p.getKey(), "jackson (baseline)", () -> JACKSON.writeValueAsBytes(jsonValue),
                () -> JACKSON.readTree(jsonBytes), jsonBytes.length, ""));
            Object value = p.getValue().get();
            for (ContentType t : serializers.contentTypes()) {
                if (only != null && !only.contains(t.wireName()) && t != ContentType.CLJ) {
                    continue;
                }
                Serializer s = serializers.get(t);
                byte[] bytes = s.serialize(value);
                String same = value.equals(s.deserialize(bytes)) ? "yes" : "no";
                cells.add(new Cell(p.getKey(), t.wireName(), () -> s.serialize(value), () -> s.deserialize(bytes),
                    bytes.length, same));
            }
        }
        long start = System.nanoTime();
        for (Cell c : cells) {
            run(c.encode, (long) (seconds * 0.25e9));
            run(c.decode, (long) (seconds * 0.25e9));
        }
        long roundNanos = (long) (seconds * 1e9 / rounds);
        for (int r = 0; r < rounds; r++) {
            for (Cell c : cells) {
                Measure e = run(c.encode, roundNanos);
                c.encodeOps = Math.max(c.encodeOps, e.opsPerSecond());
                c.encodeCpu = Math.min(c.encodeCpu, e.cpuNanos());
                c.encodeAlloc = e.allocated();
                Measure d = run(c.decode, roundNanos);
                c.decodeOps = Math.max(c.decodeOps, d.opsPerSecond());
                c.decodeCpu = Math.min(c.decodeCpu, d.cpuNanos());
                c.decodeAlloc = d.allocated();
            }
        }
        print(cells);
        printSummary(cells);
        System.out.printf(Locale.ROOT, "(%d content types, %d cells, best of %d rounds of %.2f s, measured in %.0f s)%n",
            cells.size() / payloads.size() - 1, cells.size(), rounds, seconds / rounds, (System.nanoTime() - start) / 1e9);
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

    /** One measurement: operations per second, and CPU nanoseconds and bytes allocated per operation. */
    private record Measure(double opsPerSecond, double cpuNanos, double allocated) {
    }

    private static Measure run(Op op, long nanos) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
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
        return new Measure(count * 1e9 / (now - start), (double) (THREADS.getCurrentThreadCpuTime() - cpu) / count,
            (double) (THREADS.getCurrentThreadAllocatedBytes() - allocated) / count);
    }

    /**
     * transit against EDN (clj), the format it competes with for Clojure peers, as the mean of
     * the encode and decode ratios; and the fixed cost of deflate: the extra nanoseconds per
     * encode + decode of the small payload over its inner format.
     */
    private static void printSummary(List<Cell> cells) {
        Map<String, Cell> byName = new LinkedHashMap<>();
        cells.forEach(c -> byName.put(c.payload + "/" + c.format, c));
        for (String payload : List.of("small", "medium")) {
            Cell clj = byName.get(payload + "/clj");
            for (String transit : List.of("transit-json", "transit-msgpack")) {
                Cell t = byName.get(payload + "/" + transit);
                if (clj != null && t != null) {
                    System.out.printf(Locale.ROOT, "%-7s %-16s speed / clj: encode %.2f, decode %.2f"
                        + " (wall clock: %.2f, %.2f)%n", payload, transit, clj.encodeCpu / t.encodeCpu,
                        clj.decodeCpu / t.decodeCpu, t.encodeOps / clj.encodeOps, t.decodeOps / clj.decodeOps);
                }
            }
        }
        for (String inner : List.of("carb", "json", "clj", "nippy")) {
            Cell plain = byName.get("small/" + inner);
            Cell deflated = byName.get("small/deflate-" + inner);
            if (plain != null && deflated != null) {
                double extra = 1e9 / deflated.encodeOps + 1e9 / deflated.decodeOps - 1e9 / plain.encodeOps
                    - 1e9 / plain.decodeOps;
                System.out.printf(Locale.ROOT, "small   deflate-%-8s fixed cost over %s: %.0f ns per encode + decode%n",
                    inner, inner, extra);
            }
        }
    }

    private static void print(List<Cell> cells) {
        String fmt = "%-7s %-19s %13s %13s %8s %9s %9s %5s %11s %11s %9s %9s%n";
        System.out.printf(Locale.ROOT, fmt, "payload", "format", "encode ops/s", "decode ops/s", "bytes", "enc/jack",
            "dec/jack", "same", "enc cpu ns", "dec cpu ns", "enc B/op", "dec B/op");
        Cell base = null;
        for (Cell c : cells) {
            if (c.format.startsWith("jackson")) {
                base = c;
            }
            System.out.printf(Locale.ROOT, fmt, c.payload, c.format, String.format(Locale.ROOT, "%,.0f", c.encodeOps),
                String.format(Locale.ROOT, "%,.0f", c.decodeOps), c.bytes,
                String.format(Locale.ROOT, "%.2f", c.encodeOps / base.encodeOps),
                String.format(Locale.ROOT, "%.2f", c.decodeOps / base.decodeOps), c.same,
                String.format(Locale.ROOT, "%,.0f", c.encodeCpu), String.format(Locale.ROOT, "%,.0f", c.decodeCpu),
                String.format(Locale.ROOT, "%,.0f", c.encodeAlloc), String.format(Locale.ROOT, "%,.0f", c.decodeAlloc));
        }
    }
}
