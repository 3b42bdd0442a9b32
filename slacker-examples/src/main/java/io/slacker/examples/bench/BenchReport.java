package io.slacker.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of {@link RpcBenchmark}: per scenario and payload, the rates, latencies, ratios to
 * the raw echo, allocation per call and the goals of issue #18; then CPU per call by thread role.
 *
 * <p>Goals, for slacker on its worker pool (not the {@code io} targets): blocking p50 at most
 * 1.3x the raw echo's; pipelined throughput at least 0.6x the raw echo's with a string payload,
 * 0.35x with the map; at most 600 bytes allocated per call on each side with a string payload;
 * with target {@code clojure-server}, at least 10x its calls/s for {@code slacker clj}.
 */
final class BenchReport {
    private static final String RAW = "raw echo";
    private static final String ROW = "%-8s %-7s %-16s %10s %6s %8s %8s %7s %7s %7s %8s %8s  %s%n";
    private static final double MAX_P50_RATIO = 1.3;
    private static final double MIN_THROUGHPUT_STRING = 0.6;
    private static final double MIN_THROUGHPUT_MAP = 0.35;
    private static final double MAX_BYTES_PER_CALL = 600;
    private static final String JAVA_CLJ = "slacker clj";
    private static final double MIN_OVER_CLOJURE = 10;

    private final Map<String, Map<String, BenchResult>> blocks = new LinkedHashMap<>();
    private boolean headerPrinted;

    /** Prints one scenario's results for one payload, and keeps them for the CPU table. */
    void add(String scenario, BenchPayload payload, Map<String, BenchResult> results) {
        if (!headerPrinted) {
            System.out.printf(Locale.ROOT, ROW, "scenario", "payload", "target", "calls/s", "spread", "p50 us", "p99 us",
                "thr/raw", "p50/raw", "cpu us", "client B", "server B", "goal");
            headerPrinted = true;
        }
        String label = label(scenario);
        blocks.put(label + "|" + payload.label(), results);
        BenchResult raw = results.get(RAW);
        boolean lat = scenario.equals("lat");
        String payloadLabel = payload.label();
        for (Map.Entry<String, BenchResult> e : results.entrySet()) {
            BenchResult r = e.getValue();
            String goal = goal(e.getKey(), r, raw, lat, payload.value() instanceof String);
            if (r.errors() > 0) {
                goal += " ERRORS: " + r.errors();
            }
            System.out.printf(Locale.ROOT, ROW, label, payloadLabel, e.getKey(), fmt("%,.0f", r.callsPerSecond()),
                fmt("%.0f%%", r.spread() * 100), lat ? fmt("%.1f", r.percentileMicros(50)) : "",
                lat ? fmt("%.1f", r.percentileMicros(99)) : "",
                raw == null ? "" : fmt("%.2f", r.callsPerSecond() / raw.callsPerSecond()),
                raw == null || !lat ? "" : fmt("%.2f", r.percentileMicros(50) / raw.percentileMicros(50)),
                fmt("%.2f", r.cpuMicrosPerCall()), fmt("%.0f", r.clientBytesPerCall()), fmt("%.0f", r.serverBytesPerCall()),
                goal);
            label = "";
            payloadLabel = "";
        }
        BenchResult java = results.get(JAVA_CLJ);
        BenchResult clojure = results.get(RpcBenchmark.CLOJURE_SERVER);
        if (java != null && clojure != null) {
            double ratio = java.callsPerSecond() / clojure.callsPerSecond();
            System.out.printf(Locale.ROOT, "%-16s %s / %s: %.1fx the calls/s%s (goal >= %.0fx: %s); "
                    + "server process CPU per call %.2f / %.2f us (%.1fx less)%n", "", JAVA_CLJ, RpcBenchmark.CLOJURE_SERVER,
                ratio, lat ? fmt(", %.2fx the p50", java.percentileMicros(50) / clojure.percentileMicros(50)) : "",
                MIN_OVER_CLOJURE, ratio >= MIN_OVER_CLOJURE ? "met" : "MISSED", java.serverCpuMicrosPerCall(),
                clojure.serverCpuMicrosPerCall(), clojure.serverCpuMicrosPerCall() / java.serverCpuMicrosPerCall());
            if (raw != null) {
                // the ceiling of that ratio on this machine: an echo with no RPC work at all
                System.out.printf(Locale.ROOT, "%-16s raw echo / %s: %.1fx the calls/s (what no serialization, no dispatch "
                        + "reaches under the same client load)%n", "", RpcBenchmark.CLOJURE_SERVER,
                    raw.callsPerSecond() / clojure.callsPerSecond());
            }
        }
    }

    private static String goal(String target, BenchResult r, BenchResult raw, boolean lat, boolean stringPayload) {
        if (raw == null || !target.startsWith("slacker") || target.endsWith(" io")) {
            return "";
        }
        List<String> missed = new ArrayList<>();
        if (lat && r.percentileMicros(50) / raw.percentileMicros(50) > MAX_P50_RATIO) {
            missed.add("p50<=" + MAX_P50_RATIO + "x");
        }
        double min = stringPayload ? MIN_THROUGHPUT_STRING : MIN_THROUGHPUT_MAP;
        if (!lat && r.callsPerSecond() / raw.callsPerSecond() < min) {
            missed.add("thr>=" + min + "x");
        }
        if (stringPayload && (r.clientBytesPerCall() > MAX_BYTES_PER_CALL || r.serverBytesPerCall() > MAX_BYTES_PER_CALL)) {
            missed.add("alloc<=" + (int) MAX_BYTES_PER_CALL + "B");
        }
        return missed.isEmpty() ? "met" : "MISSED " + String.join(", ", missed);
    }

    /** CPU per call by thread role, both sides together. */
    void printCpu() {
        String row = "%-8s %-7s %-16s %9s %7s %9s %9s %9s %9s %9s%n";
        System.out.printf(Locale.ROOT, "%nCPU time per call (us; total = both processes incl. GC/JIT, then Java threads by "
            + "role: caller = main/sender threads, worker = server pool)%n");
        List<String> roles = ThreadStats.ROLES;
        System.out.printf(Locale.ROOT, row, "scenario", "payload", "target", "total", "x raw", roles.get(0), roles.get(1),
            roles.get(2), roles.get(3), roles.get(4));
        for (Map.Entry<String, Map<String, BenchResult>> block : blocks.entrySet()) {
            String[] key = block.getKey().split("\\|");
            String scenario = key[0];
            String payload = key[1];
            BenchResult raw = block.getValue().get(RAW);
            for (Map.Entry<String, BenchResult> e : block.getValue().entrySet()) {
                BenchResult r = e.getValue();
                List<String> cols = new ArrayList<>();
                for (String role : roles) {
                    cols.add(fmt("%.2f", r.cpuMicrosPerCall(role)));
                }
                System.out.printf(Locale.ROOT, row, scenario, payload, e.getKey(), fmt("%.2f", r.cpuMicrosPerCall()),
                    raw == null ? "" : fmt("%.2f", r.cpuMicrosPerCall() / raw.cpuMicrosPerCall()), cols.get(0), cols.get(1),
                    cols.get(2), cols.get(3), cols.get(4));
                scenario = "";
                payload = "";
            }
        }
    }

    private static String label(String scenario) {
        return scenario.equals("lat") ? "1c x1" : scenario.replace("x", "c x");
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
