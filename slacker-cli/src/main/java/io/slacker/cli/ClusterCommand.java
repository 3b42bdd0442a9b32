package io.slacker.cli;

import io.slacker.cluster.internal.zk.ZkPaths;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slacker cluster --zk ZK --cluster NAME}: the registry of a cluster as ZooKeeper holds it. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Shows a cluster as its ZooKeeper registry holds it: servers with their data, namespaces with "
        + "their servers and leader, published functions. Reads only.",
        "With --watch, prints it again whenever it changes. `call --zk ZK --cluster NAME` calls a function through the "
            + "cluster."})
final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ZkOptions zk;

    @Option(names = {"-w", "--watch"}, description = "Keep watching; print the registry again on every change.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
        description = "How often --watch looks (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "Stop watching after this long (default: until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        ZkOptions o = zk.or(null);
        require(spec, o);
        PrintWriter out = spec.commandLine().getOut();
        ZkPaths paths = new ZkPaths(o.root(), o.cluster);
        try (CuratorFramework curator = o.connect()) {
            if (curator.checkExists().forPath(paths.cluster()) == null) {
                throw new ExitCodes.NotFound("no cluster '" + o.cluster + "' under " + o.root() + " at " + o.zookeeper);
            }
            String last = snapshot(curator, paths, o);
            out.print(last);
            out.flush();
            long until = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (watch && System.nanoTime() < until) {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), (until - System.nanoTime()) / 1_000_000)));
                String now = snapshot(curator, paths, o);
                if (!now.equals(last)) {
                    out.println("--- changed at " + java.time.Instant.now());
                    out.print(now);
                    out.flush();
                    last = now;
                }
            }
        }
        return ExitCodes.OK;
    }

    static void require(CommandSpec spec, ZkOptions o) {
        if (o.zookeeper == null || o.cluster == null) {
            throw new ParameterException(spec.commandLine(), "--zk and --cluster are required");
        }
        if (o.cluster.isEmpty() || o.cluster.contains("/")) {
            throw new ParameterException(spec.commandLine(), "bad cluster name '" + o.cluster + "'");
        }
    }

    /** The registry as text. */
    static String snapshot(CuratorFramework c, ZkPaths paths, ZkOptions o) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("cluster ").append(o.cluster).append(" (").append(paths.cluster()).append(" at ").append(o.zookeeper)
            .append(")\n");
        List<String> servers = children(c, paths.servers(), false);
        sb.append("servers (").append(servers.size()).append("):\n");
        for (String s : servers) {
            sb.append("  ").append(s).append("  ").append(data(c, paths.server(s))).append('\n');
        }
        TreeSet<String> namespaces = new TreeSet<>(children(c, paths.namespaces(), true));
        namespaces.addAll(children(c, paths.functions(), true));
        sb.append("namespaces (").append(namespaces.size()).append("):\n");
        for (String ns : namespaces) {
            sb.append("  ").append(ns).append('\n');
            List<String> nsServers = children(c, paths.namespace(ns), false);
            String leader = text(c, paths.leader(ns));
            sb.append("    leader     ");
            if (leader == null || leader.isEmpty()) {
                sb.append("none");
            } else {
                sb.append(leader);
                if (!nsServers.contains(leader)) {
                    sb.append(" (stale: not among the servers)");
                }
            }
            sb.append('\n');
            sb.append("    servers    ").append(nsServers.isEmpty() ? "none (calls are unavailable)" : String.join(", ", nsServers))
                .append('\n');
            List<String> fns = children(c, paths.functions(ns), true);
            sb.append("    functions  ").append(fns.isEmpty() ? "none published" : String.join(", ", fns)).append('\n');
        }
        return sb.toString();
    }

    /** Sorted children, without the metadata ones ({@code _leader}) unless asked. */
    private static List<String> children(CuratorFramework c, String path, boolean all) throws Exception {
        try {
            List<String> out = new ArrayList<>();
            for (String child : c.getChildren().forPath(path)) {
                if (all || !ZkPaths.isMetadata(child)) {
                    out.add(child);
                }
            }
            out.sort(null);
            return out;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private static String text(CuratorFramework c, String path) throws Exception {
        try {
            byte[] d = c.getData().forPath(path);
            return d == null ? null : new String(d, StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /** A node's EDN data, printed on one line (raw text when it is not EDN). */
    private static String data(CuratorFramework c, String path) throws Exception {
        String t = text(c, path);
        if (t == null || t.isEmpty()) {
            return "nil";
        }
        try {
            return Edn.print(io.slacker.internal.serialization.edn.EdnReader.standard().read(t));
        } catch (RuntimeException e) {
            return t;
        }
    }
}
