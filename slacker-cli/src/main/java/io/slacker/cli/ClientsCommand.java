package io.slacker.cli;

import io.slacker.SlackerClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slacker clients ADDR}. */
@Command(name = "clients", mixinStandardHelpOptions = true,
    description = "Prints the server's connected clients, start time and version as EDN (this tool's own connection "
        + "included).")
final class ClientsCommand extends ServerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDR", description = "The server, host:port.")
    String address;

    @Override
    public Integer call() {
        try (SlackerClient c = client.builder(address).build()) {
            out().println(Edn.pretty(c.clients()));
            out().flush();
        }
        return ExitCodes.OK;
    }
}
