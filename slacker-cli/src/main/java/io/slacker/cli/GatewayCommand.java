package io.slacker.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slacker.dashboard.GatewayDashboard;
import io.slacker.gateway.Gateway;
import io.slacker.gateway.GatewayConfig;
import io.slacker.micrometer.GatewayMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slacker gateway --zk ZK --cluster NAME --port 8080 [--prefix /api]}: the HTTP API gateway of a cluster. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {"Runs the HTTP API gateway of a cluster: POST /<prefix>/<namespace>/<function> with a JSON array "
        + "of arguments calls the function on a server of the cluster. Routes, API keys and settings are read live "
        + "from ZooKeeper (<root>/<cluster>/gateway), or from --config. See docs/gateway.md. Ctrl-C stops it gracefully."})
final class GatewayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ZkOptions zk;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "The HTTP port; 0 picks a free one "
        + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "The address to bind "
        + "(default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--prefix", paramLabel = "PATH", defaultValue = "", description = "Path prefix of the slacker route, "
        + "e.g. /api (default: none).")
    String prefix;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON config file (routes, keys, settings) instead "
        + "of the live config in ZooKeeper.")
    Path config;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.DurationConverter.class,
        description = "Call timeout; past it the answer is 504 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576", description = "Largest request body; "
        + "larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--failover", paramLabel = "N", defaultValue = "1", description = "Retries on another server when a "
        + "server cannot be reached (default: ${DEFAULT-VALUE}).")
    int failover;

    @Option(names = "--metrics", description = "Record request metrics and serve them at GET /metrics (Prometheus text).")
    boolean metrics;

    @Option(names = "--dashboard", description = "Serve the cluster dashboard at /_gateway/dashboard/.")
    boolean dashboard;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "Stop after this long (default: until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        ZkOptions o = zk.or(null);
        ClusterCommand.require(spec, o);
        Gateway.Builder b = Gateway.builder().host(host).port(port).prefix(prefix).zookeeper(o.zookeeper).root(o.root())
            .cluster(o.cluster).callTimeout(timeout).maxBodySize(maxBody).failover(failover);
        if (config != null) {
            b.config(GatewayConfig.fromFile(config));
        }
        if (metrics) {
            b.extension(GatewayMetrics.prometheus(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        }
        if (dashboard) {
            b.extension(GatewayDashboard.extension());
        }
        Gateway gw = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gw.close();
            stopped.countDown();
        }, "slacker-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Gateway on http://" + host + ":" + gw.port() + prefix + " for cluster " + o.cluster + " at " + o.zookeeper
            + (config != null ? " (config " + config + ")" : " (config in ZooKeeper)"));
        out.flush();
        if (duration == null) {
            stopped.await();
            return ExitCodes.OK;
        }
        Thread.sleep(duration.toMillis());
        Runtime.getRuntime().removeShutdownHook(hook);
        gw.close();
        out.println("Gateway stopped");
        out.flush();
        return ExitCodes.OK;
    }
}
