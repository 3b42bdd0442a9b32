package io.slacker.cli;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code slacker bench ADDR ns/fn '[args]' --calls N --concurrency C}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Calls NS/FN --calls times with at most --concurrency calls in flight on one connection, after a "
        + "warm-up, and prints the throughput (calls/s) and the latency percentiles (p50, p90, p99, max).",
        "Exits with the code of the first failure when any call failed."})
final class BenchCommand extends ServerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDR", description = "The server, host:port.")
    String address;

    @Parameters(index = "1", paramLabel = "NS/FN", description = "The function, e.g. slacker.example.api/timestamp.")
    String function;

    @Parameters(index = "2", arity = "0..1", paramLabel = "EDN-ARGS", description = "The arguments as an EDN vector (default: []).")
    String args;

    @Option(names = {"-n", "--calls"}, paramLabel = "N", defaultValue = "10000", description = "Measured calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = {"-C", "--concurrency"}, paramLabel = "C", defaultValue = "16",
        description = "Calls in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-w", "--warmup"}, paramLabel = "N",
        description = "Warm-up calls, not measured (default: a tenth of --calls, at most 5000).")
    Integer warmup;

    @Option(names = {"-c", "--content-type"}, paramLabel = "TYPE", defaultValue = "clj",
        converter = Converters.ContentTypeConverter.class, description = "The content type (default: ${DEFAULT-VALUE}).")
    ContentType contentType;

    /** The outcome of one run. */
    record Result(int calls, int errors, Throwable firstError, long elapsedNanos, long[] latencies) {
    }

    @Override
    public Integer call() throws InterruptedException {
        String[] name = function(function);
        if (calls < 1 || concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--calls and --concurrency must be at least 1");
        }
        int warm = warmup != null ? warmup : Math.min(5000, calls / 10);
        if (warm < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative");
        }
        List<Object> argv = Edn.readArgs(args);
        CallOptions options = CallOptions.defaults().withContentType(contentType);
        try (SlackerClient c = client.builder(address).backlog(Math.max(5000, concurrency)).build()) {
            // one call first: a wrong address or name fails at once with its own message
            c.call(name[0], name[1], argv, options);
            if (warm > 0) {
                Result w = run(c, name, argv, options, warm);
                if (w.errors() > 0) {
                    throw failure(w);
                }
            }
            Result r = run(c, name, argv, options, calls);
            report(r);
            if (r.errors() > 0) {
                throw failure(r);
            }
        }
        return ExitCodes.OK;
    }

    private RuntimeException failure(Result r) {
        Throwable first = ExitCodes.unwrap(r.firstError());
        err().println(r.errors() + " of " + r.calls() + " calls failed; the first: " + ExitCodes.describe(first));
        err().flush();
        return first instanceof RuntimeException re ? re : new RuntimeException(first);
    }

    private Result run(SlackerClient c, String[] name, List<Object> argv, CallOptions options, int n)
        throws InterruptedException {
        long[] latencies = new long[n];
        Semaphore window = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            int k = i;
            long t0 = System.nanoTime();
            c.callAsync(name[0], name[1], argv, options).whenComplete((v, e) -> {
                latencies[k] = System.nanoTime() - t0;
                if (e != null) {
                    errors.incrementAndGet();
                    first.compareAndSet(null, e);
                }
                window.release();
                done.countDown();
            });
        }
        done.await();
        return new Result(n, errors.get(), first.get(), System.nanoTime() - start, latencies);
    }

    private void report(Result r) {
        long[] sorted = r.latencies().clone();
        Arrays.sort(sorted);
        double seconds = r.elapsedNanos() / 1e9;
        out().printf(Locale.ROOT, "function     %s (%s, %d call(s) in flight)%n", function, contentType.wireName(), concurrency);
        out().printf(Locale.ROOT, "calls        %d (%d failed) in %.3f s%n", r.calls(), r.errors(), seconds);
        out().printf(Locale.ROOT, "throughput   %.0f calls/s%n", r.calls() / seconds);
        out().printf(Locale.ROOT, "latency      p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
            millis(percentile(sorted, 50)), millis(percentile(sorted, 90)), millis(percentile(sorted, 99)),
            millis(sorted[sorted.length - 1]));
        out().flush();
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
