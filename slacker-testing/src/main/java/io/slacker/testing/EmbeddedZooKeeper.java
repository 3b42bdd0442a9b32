package io.slacker.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real, standalone ZooKeeper server running in this JVM, for demos and tests: data in a
 * temporary directory (deleted on close), bound to 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(2181)) {
 *     ClusterServer.builder().zookeeper(zk.connectString())...
 * }
 * }</pre>
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private final Path dir;
    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;

    private EmbeddedZooKeeper(Path dir, ZooKeeperServer server, ServerCnxnFactory factory) {
        this.dir = dir;
        this.server = server;
        this.factory = factory;
    }

    /**
     * Starts ZooKeeper on {@code 127.0.0.1:port} (0 picks a free port).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static EmbeddedZooKeeper start(int port) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("slacker-zk");
            File d = dir.toFile();
            ZooKeeperServer zks = new ZooKeeperServer(d, d, 500);
            ServerCnxnFactory f = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 1000);
            f.startup(zks);
            return new EmbeddedZooKeeper(dir, zks, f);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot start ZooKeeper on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(dir);
            throw new IllegalStateException("interrupted while starting ZooKeeper", e);
        }
    }

    /** The connect string, {@code 127.0.0.1:port}. */
    public String connectString() {
        return "127.0.0.1:" + port();
    }

    /** The port it listens on. */
    public int port() {
        return factory.getLocalPort();
    }

    /** Stops ZooKeeper and deletes its data. */
    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
        delete(dir);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
