package io.slacker.examples.bench;

import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The servers {@link RpcBenchmark} measures, all on 127.0.0.1 (free ports): the raw Netty echo
 * ({@link RawEcho}, epoll where available), the same echo through a worker pool, and one
 * {@link SlackerServer} with {@value #FN} in namespace {@value #NS} (on its worker pool) and in
 * {@value #NS_IO} (run on the I/O thread). The slacker server picks its transport itself (epoll
 * where available).
 *
 * <p>{@link #main} runs them in a JVM of their own, the benchmark's default, driven over
 * stdin/stdout: it prints {@code ports raw=N raw-pool=N slacker=N transport=T}, then answers
 * every line {@code stats} with {@code stats } and the {@link ThreadStats} of its server threads
 * on one line (other output of the JVM, such as JFR's, may come between), and stops
 * at {@code quit} or at the end of its input (when the benchmark goes away).
 */
final class BenchServers implements AutoCloseable {
    static final String NS = "bench";
    static final String NS_IO = "bench-io";
    static final String FN = "echo";
    /** Raw-pool size when the worker count is left to slacker (its default pool). */
    private static final int DEFAULT_WORKERS = 10;

    private final RawEcho.Server raw;
    private final RawEcho.Server rawPool;
    private final SlackerServer slacker;

    /**
     * Starts the servers.
     *
     * @param ioThreads event loop threads of each server, 0 for the defaults
     * @param workers   slacker worker threads and raw-pool size, 0 for slacker's default
     */
    BenchServers(int ioThreads, int workers) throws InterruptedException {
        this.raw = new RawEcho.Server(ioThreads, 0);
        this.rawPool = new RawEcho.Server(ioThreads, workers > 0 ? workers : DEFAULT_WORKERS);
        Map<String, RemoteFunction> echo = Map.of(FN, a -> a.get(0));
        SlackerServer.Builder b = SlackerServer.builder().host("127.0.0.1").port(0).expose(NS, echo).expose(NS_IO, echo)
            .runOnIoThread(NS_IO);
        if (ioThreads > 0) {
            b.ioThreads(ioThreads);
        }
        if (workers > 0) {
            b.threads(workers);
        }
        if (BenchTransport.ioPollMicros() > 0) {
            b.ioPoll(Duration.ofNanos(BenchTransport.ioPollMicros() * 1000));
        }
        this.slacker = b.start();
    }

    int rawPort() {
        return raw.port();
    }

    int rawPoolPort() {
        return rawPool.port();
    }

    int slackerPort() {
        return slacker.port();
    }

    /** CPU and allocation of the server threads in this JVM. */
    static ThreadStats stats(boolean withProcess) {
        return ThreadStats.take(ThreadStats::serverThread, withProcess);
    }

    @Override
    public void close() {
        slacker.close();
        rawPool.close();
        raw.close();
    }

    /**
     * Runs the servers until {@code quit} or the end of stdin.
     *
     * @param args I/O threads and workers (0 for the defaults)
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (BenchServers s = new BenchServers(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.printf("ports raw=%d raw-pool=%d slacker=%d transport=%s%n", s.rawPort(), s.rawPoolPort(), s.slackerPort(),
                BenchTransport.name());
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                if (line.equals("stats")) {
                    out.println("stats " + stats(true).encode());
                } else {
                    out.println("error unknown command " + line);
                }
            }
        }
        System.exit(0);
    }
}
