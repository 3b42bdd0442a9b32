package io.slacker.cli;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code slacker call ADDR ns/fn '[args]'}. */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = "Calls NS/FN on the server with the EDN argument vector and prints the result as EDN.")
final class CallCommand extends ServerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDR", description = "The server, host:port.")
    String address;

    @Parameters(index = "1", paramLabel = "NS/FN", description = "The function, e.g. slacker.example.api/rand-ints.")
    String function;

    @Parameters(index = "2", arity = "0..1", paramLabel = "EDN-ARGS",
        description = "The arguments as an EDN vector, e.g. '[5]' or '[{:a 1} \"x\"]' (default: []).")
    String args;

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

    @Override
    public Integer call() {
        String[] name = function(function);
        List<Object> argv = Edn.readArgs(args);
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
        try (SlackerClient c = client.builder(address).build()) {
            Object result = c.call(name[0], name[1], argv, options);
            out().println(pretty ? Edn.pretty(result) : Edn.print(result));
            out().flush();
        }
        return ExitCodes.OK;
    }
}
