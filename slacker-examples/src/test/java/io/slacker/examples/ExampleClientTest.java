package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.SlackerServer;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example client against the example server. */
class ExampleClientTest {

    @Test
    void theExampleClientCallsEveryFunction() throws Exception {
        try (SlackerServer server = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).start()) {
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                ExampleClient.main(new String[] {"127.0.0.1:" + server.port()});
            } finally {
                System.setOut(original);
            }
            String out = captured.toString(StandardCharsets.UTF_8);
            assertThat(out).containsPattern("timestamp +\\d{13}")
                .containsPattern("rand-ints 5 +\\(\\d+(, \\d+){4}\\)|rand-ints 5 +\\[\\d+(, \\d+){4}\\]")
                .contains("inc-m 10        10").contains("get-m           10")
                .contains("echo            [hello, 42]")
                .contains("async-result    Deferred result.")
                .contains("make-error      java.lang.RuntimeException: Expected exception. (expected)")
                .contains("echo2 (untyped) hi")
                .contains("slacker.example.api/rand-ints")
                .contains("meta rand-ints  {:name=rand-ints, :doc=test collection result, :arglists=[[n]]}");
        }
    }
}
