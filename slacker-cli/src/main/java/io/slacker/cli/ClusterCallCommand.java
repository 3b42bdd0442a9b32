package io.slacker.cli;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.FailWhen;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingResults;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code slacker cluster call --zk ZK --cluster NAME ns/fn '[args]' --grouping all}. */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = "Calls NS/FN through the cluster: finds the namespace's servers in ZooKeeper, calls one or several of "
        + "them by --grouping and prints the combined result as EDN.")
final class ClusterCallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ClusterCommand parent;

    @Mixin
    ZkOptions zk;

    @Parameters(index = "0", paramLabel = "NS/FN", description = "The function, e.g. slacker.example.api/timestamp.")
    String function;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EDN-ARGS", description = "The arguments as an EDN vector (default: []).")
    String args;

    @Option(names = {"-g", "--grouping"}, paramLabel = "G", defaultValue = "random", converter = GroupingConverter.class,
        description = "random, first, leader, least-in-flight, weighted or all (default: ${DEFAULT-VALUE}).")
    Grouping grouping;

    @Option(names = {"-r", "--results"}, paramLabel = "R", converter = ResultsConverter.class,
        description = "How answers combine: single, vector, map (by host:port) or nil (default: single; with --grouping all: "
            + "map).")
    GroupingResults results;

    @Option(names = "--exceptions", paramLabel = "E", defaultValue = "all", converter = ExceptionsConverter.class,
        description = "Fail when all servers failed (all) or when any did (any) (default: ${DEFAULT-VALUE}).")
    FailWhen exceptions;

    @Option(names = "--failover", paramLabel = "N", defaultValue = "0",
        description = "Retries on another server when one cannot be reached (default: ${DEFAULT-VALUE}).")
    int failover;

    @Option(names = {"-c", "--content-type"}, paramLabel = "TYPE", defaultValue = "clj",
        converter = Converters.ContentTypeConverter.class, description = "The content type (default: ${DEFAULT-VALUE}).")
    ContentType contentType;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "10s",
        converter = Converters.DurationConverter.class, description = "Call timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-p", "--pretty"}, description = "Breaks long results over several lines.")
    boolean pretty;

    @Override
    public Integer call() {
        ZkOptions o = zk.or(parent == null ? null : parent.zk);
        ClusterCommand.require(spec, o);
        int slash = function.indexOf('/');
        if (slash <= 0 || slash == function.length() - 1) {
            throw new ParameterException(spec.commandLine(), "expected namespace/function, not '" + function + "'");
        }
        if (failover < 0) {
            throw new ParameterException(spec.commandLine(), "--failover must not be negative");
        }
        List<Object> argv = Edn.readArgs(args);
        GroupingResults r = results != null ? results : grouping == Grouping.ALL ? GroupingResults.MAP : GroupingResults.SINGLE;
        try (CuratorFramework curator = o.connect();
             ClusterClient cluster = ClusterClient.builder().curator(curator).root(o.root()).cluster(o.cluster)
                 .grouping(grouping).groupingResults(r).failWhen(exceptions).failover(failover)
                 .client(SlackerClient.builder().contentType(contentType).timeout(timeout).clientName("slacker-cli"))
                 .discoveryTimeout(o.timeout()).build()) {
            Object result = cluster.call(function.substring(0, slash), function.substring(slash + 1), argv,
                CallOptions.defaults().withContentType(contentType).withTimeout(timeout));
            spec.commandLine().getOut().println(pretty ? Edn.pretty(result) : Edn.print(result));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
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

    static final class ExceptionsConverter implements ITypeConverter<FailWhen> {
        @Override
        public FailWhen convert(String value) {
            return parse(FailWhen.class, value);
        }
    }
}
