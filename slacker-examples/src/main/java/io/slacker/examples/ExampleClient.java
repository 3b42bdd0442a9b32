package io.slacker.examples;

import io.slacker.ContentType;
import io.slacker.RemoteException;
import io.slacker.SlackerClient;
import io.slacker.examples.api.ExampleApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example client: calls the example server (or a Clojure slacker example server) at
 * {@code host:port} (default {@code 127.0.0.1:2104}) and prints what comes back.
 */
public final class ExampleClient {
    private ExampleClient() {
    }

    /** Calls every example function once. */
    public static void main(String[] args) throws Exception {
        String address = args.length > 0 ? args[0] : "127.0.0.1:2104";
        try (SlackerClient client = SlackerClient.builder().address(address).contentType(ContentType.CLJ)
            .timeout(Duration.ofSeconds(10)).build()) {
            ExampleApi api = client.proxy(ExampleApi.class);
            System.out.println("timestamp       " + api.timestamp());
            System.out.println("rand-ints 5     " + api.randInts(5));
            System.out.println("inc-m 10        " + api.incM(10));
            System.out.println("get-m           " + api.getM());
            System.out.println("echo            " + api.echo(List.of("hello", 42L)));
            System.out.println("async-result    " + api.asyncResult().get(5, TimeUnit.SECONDS));
            try {
                api.makeError();
            } catch (RemoteException e) {
                System.out.println("make-error      " + e.getMessage() + " (expected)");
            }
            System.out.println("echo2 (untyped) " + client.call("slacker.example.api2", "echo2", List.of("hi")));
            System.out.println("functions       " + client.functions("slacker.example.api"));
            System.out.println("meta rand-ints  " + client.meta("slacker.example.api/rand-ints"));
        }
    }
}
