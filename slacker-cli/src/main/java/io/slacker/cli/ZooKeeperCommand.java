package io.slacker.cli;

import io.slacker.testing.EmbeddedZooKeeper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slacker zookeeper --port 2181}: a standalone ZooKeeper for demos and tests. */
@Command(name = "zookeeper", mixinStandardHelpOptions = true,
    description = "Runs a standalone ZooKeeper in this process, on 127.0.0.1, with its data in a temporary directory "
        + "(deleted when it stops). For demos and tests. Ctrl-C stops it.")
final class ZooKeeperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "2181", description = "The port; 0 picks a free one "
        + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "Stop after this long (default: until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedZooKeeper zk;
        try {
            zk = EmbeddedZooKeeper.start(port);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot start ZooKeeper on 127.0.0.1:" + port + ": " + e.getCause().getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            zk.close();
            stopped.countDown();
        }, "slacker-zookeeper-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("ZooKeeper on " + zk.connectString());
        spec.commandLine().getOut().flush();
        if (duration == null) {
            stopped.await();
            return ExitCodes.OK;
        }
        Thread.sleep(duration.toMillis());
        Runtime.getRuntime().removeShutdownHook(hook);
        zk.close();
        spec.commandLine().getOut().println("ZooKeeper stopped");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
