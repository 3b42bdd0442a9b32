package io.slacker.cli;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerCaller;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.FailWhen;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code slacker call ADDR ns/fn '[args]'}, or through a cluster:
 * {@code slacker call --zk ZK --cluster NAME ns/fn '[args]' --grouping all}. One command, one
 * {@link SlackerCaller}: a server's client or a cluster client.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Calls NS/FN with the EDN argument vector and prints the result as EDN.",
        "With ADDR: on that server. With --zk and --cluster (no ADDR): through the cluster, on one or several of the "
            + "namespace's servers by --grouping, the answers combined by --results."})
final class CallCommand extends ServerCommand implements Callable<Integer> {
    @Parameters(arity = "1..3", paramLabel = "[ADDR] NS/FN [EDN-ARGS]",
        description = {"ADDR: the server, host:port (not with --zk).", "NS/FN: the function, e.g. slacker.example.api/rand-ints.",
            "EDN-ARGS: the arguments as an EDN vector, e.g. '[5]' or '[{:a 1} \"x\"]' (default: [])."})
    List<String> positional;

    @Option(names = {"-c", "--content-type"}, paramLabel = "TYPE", defaultValue = "clj",
        converter = Converters.ContentTypeConverter.class,
        description = "clj, json, nippy, transit-json, transit-msgpack, carb, deflate-clj, deflate-json, deflate-nippy, "
            + "deflate-carb (default: ${DEFAULT-VALUE}).")
    ContentType contentType;

    @Option(names = {"-x", "--extension"}, paramLabel = "ID=EDN",
        description = "Sends a protocol extension (v6): a 16-bit id and an EDN value, e.g. -x 1='\"x\"'. Repeatable.")
    List<String> extensions = new ArrayList<>();

    @Option(names = "--interrupt-on-timeout", description = "Asks the server to interrupt the call when it times out.")
    boolean interruptOnTimeout;

    @Option(names = {"-p", "--pretty"}, description = "Breaks long results over several lines.")
    boolean pretty;

    @Mixin
    ZkOptions zk;

    @Option(names = {"-g", "--grouping"}, paramLabel = "G", defaultValue = "random", converter = GroupingConverter.class,
        description = "Cluster: random, first, leader, least-in-flight, weighted or all (default: ${DEFAULT-VALUE}).")
    Grouping grouping;

    @Option(names = {"-r", "--results"}, paramLabel = "R", converter = ResultsConverter.class,
        description = "Cluster: how answers combine: single, vector, map (by host:port) or nil (default: single; with "
            + "--grouping all: map).")
    GroupingResults results;

    @Option(names = {"--fail-when", "--exceptions"}, paramLabel = "E", defaultValue = "all", converter = FailWhenConverter.class,
        description = "Cluster: fail when all servers failed (all) or when any did (any) (default: ${DEFAULT-VALUE}).")
    FailWhen failWhen;

    @Option(names = "--failover", paramLabel = "N", defaultValue = "0",
        description = "Cluster: retries on another server when one cannot be reached (default: ${DEFAULT-VALUE}).")
    int failover;

    @Override
    public Integer call() {
        boolean cluster = zk.zookeeper != null || zk.cluster != null;
        int fixed = cluster ? 0 : 1;
        if (positional.size() < fixed + 1 || positional.size() > fixed + 2) {
            throw new ParameterException(spec.commandLine(), cluster ? "with --zk: NS/FN [EDN-ARGS], no server address"
                : "expected ADDR NS/FN [EDN-ARGS] (or --zk and --cluster instead of ADDR)");
        }
        String[] name = function(positional.get(fixed));
        List<Object> argv = Edn.readArgs(positional.size() > fixed + 1 ? positional.get(fixed + 1) : null);
        CallOptions options = options();
        if (!cluster) {
            try (SlackerCaller caller = client.builder(positional.get(0)).build()) {
                print(caller.call(name[0], name[1], argv, options));
            }
            return ExitCodes.OK;
        }
        ClusterCommand.require(spec, zk);
        if (failover < 0) {
            throw new ParameterException(spec.commandLine(), "--failover must not be negative");
        }
        GroupingResults r = results != null ? results : grouping == Grouping.ALL ? GroupingResults.MAP : GroupingResults.SINGLE;
        GroupingPolicy policy = GroupingPolicy.defaults().withSelector(grouping).withMerger(r).withFailWhen(failWhen)
            .withFailover(failover);
        try (CuratorFramework curator = zk.connect();
             SlackerCaller caller = ClusterClient.builder().curator(curator).root(zk.root()).cluster(zk.cluster)
                 .client(client.template()).discoveryTimeout(zk.timeout()).build()) {
            print(caller.call(name[0], name[1], argv, options.with(GroupingPolicy.KEY, policy)));
        }
        return ExitCodes.OK;
    }

    private CallOptions options() {
        CallOptions options = CallOptions.defaults().withContentType(contentType).withInterruptOnTimeout(interruptOnTimeout);
        for (String x : extensions) {
            int eq = x.indexOf('=');
            int id;
            try {
                id = Integer.parseInt(x.substring(0, Math.max(eq, 0)).trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--extension needs ID=EDN with a numeric id, not '" + x + "'");
            }
            if (id < Short.MIN_VALUE || id > Short.MAX_VALUE) {
                throw new ParameterException(spec.commandLine(), "--extension id out of 16-bit range: " + id);
            }
            options = options.withExtension(id, Edn.read("extension " + id, x.substring(eq + 1)));
        }
        return options;
    }

    private void print(Object result) {
        out().println(pretty ? Edn.pretty(result) : Edn.print(result));
        out().flush();
    }

    /** kebab-case or upper-case enum names. */
    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() > 0 ? ", " : "").append(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new TypeConversionException("'" + value + "' is not one of " + names);
        }
    }

    static final class GroupingConverter implements ITypeConverter<Grouping> {
        @Override
        public Grouping convert(String value) {
            return parse(Grouping.class, value);
        }
    }

    static final class ResultsConverter implements ITypeConverter<GroupingResults> {
        @Override
        public GroupingResults convert(String value) {
            return parse(GroupingResults.class, value);
        }
    }

    static final class FailWhenConverter implements ITypeConverter<FailWhen> {
        @Override
        public FailWhen convert(String value) {
            return parse(FailWhen.class, value);
        }
    }
}
