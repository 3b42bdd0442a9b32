package io.slacker.cli;

import io.slacker.Version;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code slacker} command line tool: call functions of a slacker server, inspect it, and
 * benchmark it. The build makes {@code slacker-cli/target/slacker}, a launcher of the executable jar:
 * run {@code slacker --help}.
 */
@Command(name = "slacker", mixinStandardHelpOptions = true, versionProvider = SlackerCli.VersionProvider.class,
    description = "Calls, inspects and benchmarks slacker servers and clusters (Java or Clojure).",
    subcommands = {CallCommand.class, FunctionsCommand.class, MetaCommand.class, ClientsCommand.class,
        BenchCommand.class, ClusterCommand.class, ZooKeeperCommand.class, GatewayCommand.class, ConfigCommand.class,
        SidecarCommand.class, DashboardCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExamples:%n", footer = {
        "  slacker call 127.0.0.1:2104 slacker.example.api/rand-ints '[5]'",
        "  slacker functions 127.0.0.1:2104 slacker.example.api",
        "  slacker meta 127.0.0.1:2104 slacker.example.api/rand-ints",
        "  slacker bench 127.0.0.1:2104 slacker.example.api/timestamp -n 10000 -C 16",
        "  slacker zookeeper --port 2181",
        "  slacker cluster --zk 127.0.0.1:2181 --cluster example-cluster --watch",
        "  slacker call --zk 127.0.0.1:2181 --cluster example-cluster \\",
        "      slacker.example.api/echo '[42]' --grouping all --results vector",
        "  slacker config set --zk 127.0.0.1:2181 --cluster example-cluster \\",
        "      --app example greeting '\"Hi\"'",
        "  slacker sidecar --zk 127.0.0.1:2181 --cluster example-cluster \\",
        "      --namespace my.py.svc --app http://127.0.0.1:5000 --port 2105",
        "  slacker dashboard --zk 127.0.0.1:2181 --cluster example-cluster --port 8090"})
public final class SlackerCli implements Runnable {
    @Spec
    CommandSpec spec;

    /** Entry point of the executable jar. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: exit codes by failure class, failures reported on one line
     * of standard error. Tests run commands through it with their own writers.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SlackerCli());
        cl.setExecutionExceptionHandler(SlackerCli::failed);
        cl.setParameterExceptionHandler(SlackerCli::usageError);
        withExitCodes(cl);
        return cl;
    }

    private static void withExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                withExitCodes(sub);
            }
        }
    }

    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ExitCodes.describe(e));
        err.flush();
        return ExitCodes.of(e);
    }

    /** A bad command line: the error on one line and where the usage is, not the whole usage. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("try '" + name + " --help'");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /** The library version. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Version.get();
            return new String[] {"slacker-cli " + (v.isEmpty() ? "(unknown version)" : v) + " (slacker protocol v6/v5)"};
        }
    }
}
