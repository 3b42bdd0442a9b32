package io.slacker.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link RpcBenchmark}'s servers ({@link BenchServers}) run: in a JVM of their own, the
 * default, so that the client and the server each have a JVM (heap, GC, JIT) as in production;
 * or in the benchmark's JVM.
 */
interface ServerSide extends AutoCloseable {
    int rawPort();

    int rawPoolPort();

    int slackerPort();

    /** CPU and allocation of the server threads so far (with their process's CPU when it is theirs alone). */
    ThreadStats stats();

    /** A few words for the header of the report. */
    String description();

    @Override
    void close();

    /** The servers in this JVM. */
    static ServerSide inJvm(int ioThreads, int workers) throws InterruptedException {
        BenchServers servers = new BenchServers(ioThreads, workers);
        return new ServerSide() {
            @Override
            public int rawPort() {
                return servers.rawPort();
            }

            @Override
            public int rawPoolPort() {
                return servers.rawPoolPort();
            }

            @Override
            public int slackerPort() {
                return servers.slackerPort();
            }

            @Override
            public ThreadStats stats() {
                return BenchServers.stats(false); // the process CPU goes with the client's snapshot
            }

            @Override
            public String description() {
                return "servers in the same JVM, raw echo over " + BenchTransport.name();
            }

            @Override
            public void close() {
                servers.close();
            }
        };
    }

    /**
     * The servers in a new JVM: the same {@code java} and class path as this one, plus
     * {@code jvmArgs} (JFR, heap size...).
     */
    static ServerSide forked(int ioThreads, int workers, List<String> jvmArgs) throws IOException {
        List<String> cmd = javaCommand(jvmArgs, System.getProperty("java.class.path"));
        cmd.add(1, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add(2, "-Dbench.nio=" + Boolean.getBoolean("bench.nio"));
        cmd.add(3, "-Dbench.ioPollMicros=" + BenchTransport.ioPollMicros());
        cmd.addAll(List.of(BenchServers.class.getName(), Integer.toString(ioThreads), Integer.toString(workers)));
        return new Forked(cmd, "servers in a separate JVM");
    }

    /**
     * The real Clojure slacker server in a new JVM: {@code clojure.main -m bench-server} (under
     * slacker-examples/src/main/clojure-bench) on {@code classPath}, which
     * slacker-examples/clojure-bench/build-classpath.sh assembles. It speaks the protocol of
     * {@link BenchServers#main} but has only the slacker port (slacker binds all interfaces; the
     * clients use 127.0.0.1).
     */
    static ServerSide clojure(String classPath, List<String> jvmArgs) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // slacker cannot tell the port it bound, so it gets a free one
        }
        List<String> cmd = javaCommand(jvmArgs, classPath);
        cmd.addAll(List.of("clojure.main", "-m", "bench-server", Integer.toString(port)));
        return new Forked(cmd, "Clojure slacker server in a separate JVM");
    }

    private static List<String> javaCommand(List<String> jvmArgs, String classPath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        return cmd;
    }

    /** A server JVM driven over its stdin and stdout (see {@link BenchServers#main}). */
    final class Forked implements ServerSide {
        private final Process process;
        private final BufferedReader in;
        private final PrintStream out;
        private final String label;
        private final Map<String, String> ports = new HashMap<>();

        Forked(List<String> cmd, String label) throws IOException {
            this.label = label;
            this.process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.out = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String line = reply("ports ");
            if (line == null) {
                process.destroyForcibly();
                throw new IOException("the server JVM did not start; command: " + cmd);
            }
            for (String kv : line.substring(6).split(" ")) {
                String[] p = kv.split("=", 2);
                ports.put(p[0], p[1]);
            }
        }

        /**
         * The next line of the server JVM's output that starts with {@code prefix}, null at its
         * end; other lines (the JVM's own, JFR's for one) go to stderr.
         */
        private String reply(String prefix) throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.err.println("[server JVM] " + line);
            }
            return null;
        }

        private int port(String name) {
            return Integer.parseInt(ports.get(name));
        }

        @Override
        public int rawPort() {
            return port("raw");
        }

        @Override
        public int rawPoolPort() {
            return port("raw-pool");
        }

        @Override
        public int slackerPort() {
            return port("slacker");
        }

        @Override
        public synchronized ThreadStats stats() {
            out.println("stats");
            try {
                String line = reply("stats ");
                if (line == null) {
                    throw new IllegalStateException("server JVM gone");
                }
                return ThreadStats.decode(line.substring(6));
            } catch (IOException e) {
                throw new IllegalStateException("server JVM gone", e);
            }
        }

        @Override
        public String description() {
            return label + " (pid " + process.pid() + ")"
                + (ports.containsKey("transport") ? ", raw echo over " + ports.get("transport") : "");
        }

        @Override
        public void close() {
            out.println("quit");
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
