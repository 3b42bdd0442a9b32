package io.slacker.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What the commands that talk to one server share: the connection options and the output. */
abstract class ServerCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code ns/fn} split at its first slash (as the server splits it). */
    String[] function(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash <= 0 || slash == fullName.length() - 1) {
            throw new ParameterException(spec.commandLine(), "expected namespace/function, e.g. slacker.example.api/timestamp, "
                + "not '" + fullName + "'");
        }
        return new String[] {fullName.substring(0, slash), fullName.substring(slash + 1)};
    }
}
