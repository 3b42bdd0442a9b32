package io.slacker.cli;

import io.slacker.SlackerClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slacker meta ADDR ns/fn}. */
@Command(name = "meta", mixinStandardHelpOptions = true,
    description = {"Prints the metadata of a function as EDN ({:name, :doc, :arglists}; {} for dynamic functions).",
        "Exits with 5 when the server has no such function."})
final class MetaCommand extends ServerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDR", description = "The server, host:port.")
    String address;

    @Parameters(index = "1", paramLabel = "NS/FN", description = "The function, e.g. slacker.example.api/rand-ints.")
    String function;

    @Override
    public Integer call() {
        function(function);
        try (SlackerClient c = client.builder(address).build()) {
            Map<?, ?> meta = c.meta(function);
            // the protocol answers {} both for unknown and for dynamic functions: tell them apart
            if (meta.isEmpty() && !c.functions(function).contains(function)) {
                throw new ExitCodes.NotFound("no function " + function + " on " + address);
            }
            out().println(Edn.pretty(meta));
            out().flush();
        }
        return ExitCodes.OK;
    }
}
