package io.slacker.cli;

import io.slacker.cluster.internal.zk.ServerVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone ZooKeeper server in a JVM of its own, from the jars the build copied into
 * {@code target/zookeeper-3.5} (system property {@code slacker.zookeeper35}), on 127.0.0.1 and a
 * free port.
 */
final class ExternalZooKeeper implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;
    private final String connectString;
    private final ServerVersion version;

    private ExternalZooKeeper(Process process, Path dir, String connectString, ServerVersion version) {
        this.process = process;
        this.dir = dir;
        this.connectString = connectString;
        this.version = version;
    }

    /** Starts the ZooKeeper 3.5 server the build provided and waits until it answers. */
    static ExternalZooKeeper start35() throws Exception {
        Path jars = Path.of(System.getProperty("slacker.zookeeper35", "target/zookeeper-3.5"));
        try (Stream<Path> s = Files.list(jars)) {
            if (s.noneMatch(p -> p.getFileName().toString().startsWith("zookeeper-3.5"))) {
                throw new IllegalStateException("no ZooKeeper 3.5 jar in " + jars.toAbsolutePath());
            }
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before the server binds it
            try {
                return start(jars);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static ExternalZooKeeper start(Path jars) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("zk35-");
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, String.join("\n", "tickTime=500", "initLimit=10", "syncLimit=5",
            "dataDir=" + dir.resolve("data"), "clientPort=" + port, "clientPortAddress=127.0.0.1",
            "admin.enableServer=false", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", jars.toAbsolutePath() + "/*",
            "org.apache.zookeeper.server.ZooKeeperServerMain", cfg.toString()))
            .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        String connect = "127.0.0.1:" + port;
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            Optional<ServerVersion> v = ServerVersion.ask(connect, Duration.ofSeconds(2));
            if (v.isPresent()) {
                return new ExternalZooKeeper(p, dir, connect, v.get());
            }
            Thread.sleep(100);
        }
        String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
        stop(p);
        delete(dir);
        throw new IllegalStateException("ZooKeeper did not start on " + connect + ":\n" + log);
    }

    String connectString() {
        return connectString;
    }

    ServerVersion version() {
        return version;
    }

    @Override
    public void close() throws IOException {
        stop(process);
        delete(dir);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
