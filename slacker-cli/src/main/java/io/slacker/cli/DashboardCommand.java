package io.slacker.cli;

import io.slacker.dashboard.Dashboard;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slacker dashboard --zk HOST:PORT --cluster NAME --port 8090}: the live cluster web page. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serves a live web dashboard of a cluster: namespaces, servers (leader marked), server data, "
        + "functions with their docs, and call rate, error rate and p99 of servers publishing /metrics. "
        + "Ctrl-C stops it.")
final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ZkOptions zk;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8090",
        description = "The HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
        description = "The address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "Stop after this long (default: until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        ZkOptions o = zk.or(null);
        ClusterCommand.require(spec, o);
        CuratorFramework curator = o.connect();   // a clear error at once when ZooKeeper is unreachable
        Dashboard dashboard;
        try {
            dashboard = Dashboard.builder().curator(curator).root(o.root()).cluster(o.cluster).host(host).port(port)
                .start();
        } catch (RuntimeException e) {
            curator.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            dashboard.close();
            curator.close();
            stopped.countDown();
        }, "slacker-dashboard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        spec.commandLine().getOut().println("dashboard of cluster " + o.cluster + " on http://" + shown + ":"
            + dashboard.port() + "/");
        spec.commandLine().getOut().flush();
        try {
            if (duration == null) {
                stopped.await();
            } else {
                Thread.sleep(duration.toMillis());
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it closes the dashboard
            }
            dashboard.close();
            curator.close();
        }
        spec.commandLine().getOut().println("dashboard stopped");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
