package io.slacker.examples.api;

import io.slacker.SlackerServer;
import io.slacker.spi.NotFoundHandler;
import io.slacker.spi.RemoteFunction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The example server's exposures, shared by the example server, the demo and the tests. */
public final class ExampleFunctions {
    /** The dynamic namespace. */
    public static final String API2 = "slacker.example.api2";

    private ExampleFunctions() {
    }

    /** {@code slacker.example.api2}: {@code echo2} and {@code sleep}. */
    public static Map<String, RemoteFunction> api2() {
        Map<String, RemoteFunction> fns = new LinkedHashMap<>();
        fns.put("echo2", args -> args.size() == 1 ? args.get(0) : args);
        fns.put("sleep", args -> {
            Thread.sleep(((Number) args.get(0)).longValue());
            return null;
        });
        return fns;
    }

    /** The example API's not-found handler: {@code ["Function not found: " fname args]}. */
    public static NotFoundHandler notFound() {
        return (fn, args) -> Arrays.asList("Function not found: ", fn, List.copyOf(args));
    }

    /**
     * A server builder with the whole example exposed: {@code slacker.example.api} (with its
     * not-found handler) and {@code slacker.example.api2} on a pool of its own.
     */
    public static SlackerServer.Builder exampleServer(ExampleApiImpl impl) {
        return SlackerServer.builder()
            .expose(ExampleApi.class, impl)
            .notFoundHandler("slacker.example.api", notFound())
            .expose(API2, api2())
            .executor(API2, 1, 1);
    }
}
