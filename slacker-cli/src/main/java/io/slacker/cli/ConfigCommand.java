package io.slacker.cli;

import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ConfigChange;
import java.io.PrintWriter;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slacker config set|get|delete|list|watch}: an application's configuration in ZooKeeper. */
@Command(name = "config", mixinStandardHelpOptions = true,
    subcommands = {ConfigCommand.Set.class, ConfigCommand.Get.class, ConfigCommand.Delete.class, ConfigCommand.ListKeys.class,
        ConfigCommand.Watch.class},
    description = {"Reads and writes an application's configuration kept in ZooKeeper under ROOT/CLUSTER/config/APP/KEY, "
        + "one EDN value per key (see docs/config.md)."})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a config command is needed: set, get, delete, list or watch");
    }

    /** Where the configuration is: ZooKeeper, cluster and application. */
    static final class Target {
        @Mixin
        ZkOptions zk;

        @Option(names = "--app", paramLabel = "APP", required = true, description = "The application name.")
        String app;

        ZkOptions options(CommandSpec spec) {
            ZkOptions o = zk.or(null);
            ClusterCommand.require(spec, o);
            if (app.isEmpty() || app.contains("/")) {
                throw new ParameterException(spec.commandLine(), "bad app name '" + app + "'");
            }
            return o;
        }
    }

    /** Runs with the configuration open, closing it and its ZooKeeper client afterwards. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            ZkOptions o = target.options(spec);
            try (CuratorFramework curator = o.connect();
                 ClusterConfig config = ClusterConfig.builder().curator(curator).root(o.root()).cluster(o.cluster)
                     .app(target.app).start()) {
                return run(config, spec.commandLine().getOut());
            } finally {
                spec.commandLine().getOut().flush();
            }
        }

        abstract int run(ClusterConfig config, PrintWriter out) throws Exception;

        static String checkedKey(CommandSpec spec, String key) {
            if (key.isEmpty() || key.contains("/")) {
                throw new ParameterException(spec.commandLine(), "bad key '" + key + "': one name without '/'");
            }
            return key;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
        description = "Sets KEY to an EDN value; prints the new version. With --if-version, only if the key is still at that "
            + "version (-1: only if it does not exist yet); exit 10 otherwise.")
    static final class Set extends Base {
        @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
        String key;

        @Parameters(index = "1", paramLabel = "EDN-VALUE", description = "The value as EDN, e.g. '\"Hello\"', 8 or '{:a 1}'.")
        String value;

        @Option(names = "--if-version", paramLabel = "N", description = "Compare-and-set: the version the key must still have.")
        Integer ifVersion;

        @Override
        int run(ClusterConfig config, PrintWriter out) {
            Object v = Edn.read("value", value);
            String k = checkedKey(spec, key);
            int version = ifVersion == null ? config.set(k, v) : config.compareAndSet(k, v, ifVersion);
            out.println(version);
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
        description = "Prints the EDN value of KEY (exit 5 when there is none). With --version, prints its version as well.")
    static final class Get extends Base {
        @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
        String key;

        @Option(names = "--version", description = "Print 'VERSION EDN-VALUE'.")
        boolean version;

        @Override
        int run(ClusterConfig config, PrintWriter out) {
            String k = checkedKey(spec, key);
            String text = config.text(k).orElseThrow(() -> new ExitCodes.NotFound(
                "no config key '" + k + "' for app '" + config.app() + "' (" + config.path() + ")"));
            out.println(version ? config.version(k) + " " + text : text);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes KEY (exit 5 when there is none).")
    static final class Delete extends Base {
        @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
        String key;

        @Override
        int run(ClusterConfig config, PrintWriter out) {
            String k = checkedKey(spec, key);
            if (!config.delete(k)) {
                throw new ExitCodes.NotFound("no config key '" + k + "' for app '" + config.app() + "'");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints every key of the application: KEY EDN-VALUE.")
    static final class ListKeys extends Base {
        @Override
        int run(ClusterConfig config, PrintWriter out) {
            for (String k : config.keys()) {
                config.text(k).ifPresent(t -> out.println(k + " " + t));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Prints each change as it happens: KEY EDN-VALUE, or KEY followed by 'deleted'.")
    static final class Watch extends Base {
        @Option(names = "--count", paramLabel = "N", description = "Stop after N changes (default: until interrupted).")
        Integer count;

        @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this long (default: until interrupted).")
        Duration duration;

        @Override
        int run(ClusterConfig config, PrintWriter out) throws InterruptedException {
            LinkedBlockingQueue<ConfigChange> changes = new LinkedBlockingQueue<>();
            config.addListener(changes::add);
            spec.commandLine().getErr().println("watching " + config.path());
            spec.commandLine().getErr().flush();
            long until = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            int seen = 0;
            while ((count == null || seen < count) && System.nanoTime() < until) {
                ConfigChange c = changes.poll(Math.max(1, Math.min(1000, (until - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS);
                if (c != null) {
                    out.println(c.key() + " " + (c.deleted() ? "deleted" : Edn.print(c.newValue())));
                    out.flush();
                    seen++;
                }
            }
            return ExitCodes.OK;
        }
    }
}
