package io.slacker.examples;

import io.slacker.SlackerServer;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.util.concurrent.CountDownLatch;

/**
 * The example server: {@code slacker.example.api} and {@code slacker.example.api2} on port 2104,
 * HTTP on 4104 (override with the first two arguments). Ctrl-C stops it gracefully.
 */
public final class ExampleServer {
    private ExampleServer() {
    }

    /** Starts the server and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2104;
        int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 4104;
        SlackerServer server = ExampleFunctions.exampleServer(new ExampleApiImpl()).port(port).http(httpPort).start();
        System.out.printf("slacker example server on port %d (HTTP %d): %s%n", server.port(), server.httpPort(),
            server.namespaces());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
