package io.slacker.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The outcome of one target in one scenario with one payload, summed over rounds. */
final class BenchResult {
    private long calls;
    private long nanos;
    private long errors;
    private long[] latencies = new long[0];
    private int latencyCount;
    private boolean sorted;
    private final List<Double> perRound = new ArrayList<>();
    private ThreadStats client;
    private ThreadStats server;

    void addRound(long roundCalls, long roundNanos, long roundErrors) {
        calls += roundCalls;
        nanos += roundNanos;
        errors += roundErrors;
        perRound.add(roundCalls * 1e9 / roundNanos);
    }

    void addUsage(ThreadStats clientSide, ThreadStats serverSide) {
        client = client == null ? clientSide : client.plus(clientSide);
        server = server == null ? serverSide : server.plus(serverSide);
    }

    void addLatency(long latencyNanos) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, Math.max(1 << 16, latencies.length * 2));
        }
        latencies[latencyCount++] = latencyNanos;
        sorted = false;
    }

    long errors() {
        return errors;
    }

    double callsPerSecond() {
        return calls * 1e9 / nanos;
    }

    /** (max - min) / mean of the per-round rates. */
    double spread() {
        if (perRound.size() < 2) {
            return 0;
        }
        double min = perRound.stream().mapToDouble(d -> d).min().orElse(0);
        double max = perRound.stream().mapToDouble(d -> d).max().orElse(0);
        double mean = perRound.stream().mapToDouble(d -> d).average().orElse(1);
        return (max - min) / mean;
    }

    /** The latency percentile in microseconds, NaN without latencies. */
    double percentileMicros(double p) {
        if (latencyCount == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(latencies, 0, latencyCount);
            sorted = true;
        }
        int i = (int) Math.min(latencyCount - 1, Math.max(0, Math.ceil(p / 100.0 * latencyCount) - 1));
        return latencies[i] / 1e3;
    }

    /** CPU microseconds per call of both sides (both processes when the server has its own). */
    double cpuMicrosPerCall() {
        return perCall(client.processCpu() + server.processCpu()) / 1e3;
    }

    /** CPU microseconds per call of the server's process (NaN when it shares the client's JVM). */
    double serverCpuMicrosPerCall() {
        return server.processCpu() == 0 ? Double.NaN : perCall(server.processCpu()) / 1e3;
    }

    /** CPU microseconds per call of the threads of one role, both sides. */
    double cpuMicrosPerCall(String role) {
        return perCall(client.cpuByRole().getOrDefault(role, 0L) + server.cpuByRole().getOrDefault(role, 0L)) / 1e3;
    }

    /** Bytes allocated per call by the client side's threads (callers, client I/O, others). */
    double clientBytesPerCall() {
        return perCall(client.allocated());
    }

    /** Bytes allocated per call by the server threads. */
    double serverBytesPerCall() {
        return perCall(server.allocated());
    }

    private double perCall(long total) {
        return calls == 0 ? Double.NaN : (double) total / calls;
    }
}
