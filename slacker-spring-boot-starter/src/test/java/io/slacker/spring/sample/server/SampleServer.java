package io.slacker.spring.sample.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample server application: {@code slacker.server.port} (2104 by default) serves
 * {@code sample.greeter}; with {@code slacker.cluster.zookeeper} and {@code slacker.cluster.name}
 * it also registers in that cluster.
 */
@SpringBootApplication
public class SampleServer {
    /** Runs until stopped (Ctrl-C stops the slacker server gracefully). */
    public static void main(String[] args) {
        SpringApplication.run(SampleServer.class, args);
    }
}
