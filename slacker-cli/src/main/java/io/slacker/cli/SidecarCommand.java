package io.slacker.cli;

import io.slacker.sidecar.Sidecar;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slacker sidecar --zk ZK --cluster NAME --namespace NS --app URL}: joins an HTTP app to a cluster. */
@Command(name = "sidecar", mixinStandardHelpOptions = true,
    description = {"Runs a sidecar beside an HTTP application (Python, Node, ...): a slacker server exposing NS whose "
        + "calls NS/f become POST APP/f with the arguments as a JSON array, registered in the cluster like any slacker "
        + "server; health checks take it offline and back; a local API on 127.0.0.1 (see docs/sidecar.md).",
        "Runs until interrupted (or --duration)."})
final class SidecarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ZkOptions zk;

    @Option(names = "--namespace", paramLabel = "NS", required = true, description = "The namespace to expose.")
    String namespace;

    @Option(names = "--app", paramLabel = "URL", required = true, description = "The app's base URL, e.g. http://127.0.0.1:5000.")
    URI app;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2105",
        description = "The sidecar's slacker server port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0",
        description = "The interface the slacker server binds (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--node", paramLabel = "HOST",
        description = "The host clients use to reach the sidecar (default: the local address that reaches ZooKeeper).")
    String node;

    @Option(names = "--local-port", paramLabel = "PORT", description = "Serve the local API on 127.0.0.1:PORT (default: off).")
    Integer localPort;

    @Option(names = "--health", paramLabel = "PATH", defaultValue = "/health",
        description = "The app's health path; healthy while it answers 2xx (default: ${DEFAULT-VALUE}).")
    String health;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s", converter = Converters.DurationConverter.class,
        description = "Time between health checks (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "How long one health check may take before it counts as failed (default: --interval).")
    Duration healthTimeout;

    @Option(names = "--failures", paramLabel = "N", defaultValue = "1",
        description = "Failed health checks in a row that take the namespace offline (default: ${DEFAULT-VALUE}).")
    int failures;

    @Option(names = "--functions", paramLabel = "F1,F2", split = ",",
        description = "The functions to expose (default: asked from GET APP/slacker/functions).")
    List<String> functions;

    @Option(names = "--config-app", paramLabel = "APP", description = "The config app GET /config/KEY reads (default: NS).")
    String configApp;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "Stop after this long (default: until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        ZkOptions o = zk.or(null);
        ClusterCommand.require(spec, o);
        if (app.getScheme() == null || !app.getScheme().startsWith("http") || app.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--app must be an http(s) URL, not '" + app + "'");
        }
        if (failures < 1) {
            throw new ParameterException(spec.commandLine(), "--failures must be at least 1");
        }
        Sidecar sidecar = Sidecar.builder().zookeeper(o.zookeeper).root(o.root()).cluster(o.cluster).namespace(namespace)
            .app(app).host(host).node(node).port(port).localPort(localPort == null ? -1 : localPort).health(health)
            .interval(interval).healthTimeout(healthTimeout).failures(failures).functions(functions).configApp(configApp)
            .connectTimeout(o.timeout()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sidecar.close();
            stopped.countDown();
        }, "slacker-sidecar-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("sidecar for " + namespace + " at " + sidecar.address() + " -> " + app + " " + sidecar.functions());
        if (sidecar.localPort() >= 0) {
            out.println("local API on http://127.0.0.1:" + sidecar.localPort());
        }
        out.flush();
        if (duration == null) {
            stopped.await();
            return ExitCodes.OK;
        }
        stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        Runtime.getRuntime().removeShutdownHook(hook);
        sidecar.close();
        out.println("sidecar stopped");
        out.flush();
        return ExitCodes.OK;
    }
}
