package io.slacker.cli;

import io.slacker.SlackerClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slacker functions ADDR [ns]}. */
@Command(name = "functions", mixinStandardHelpOptions = true,
    description = {"Lists the server's functions (ns/fn, one per line), all or those whose name starts with PREFIX.",
        "Exits with 5 when nothing matches."})
final class FunctionsCommand extends ServerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDR", description = "The server, host:port.")
    String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX",
        description = "A namespace, or any prefix of ns/fn (the server matches plain string prefixes).")
    String prefix;

    @Override
    public Integer call() {
        try (SlackerClient c = client.builder(address).build()) {
            List<String> names = c.functions(prefix);
            if (names.isEmpty()) {
                throw new ExitCodes.NotFound(prefix == null ? "the server exposes no functions"
                    : "no function whose name starts with '" + prefix + "'");
            }
            names.forEach(out()::println);
            out().flush();
        }
        return ExitCodes.OK;
    }
}
