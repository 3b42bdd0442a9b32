package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demo runs to the end and shows every step. */
class DemoTest {

    @Test
    void theDemoRunsEveryStep() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertThat(out).contains("embedded ZooKeeper on 127.0.0.1:")
            .containsPattern("random: +timestamp\\(\\) = \\d+")
            .containsPattern("all/vector: +allTimestamps\\(\\) = \\[\\d+, \\d+\\]")
            .containsPattern("least-in-flight: +the server with the fewest calls in flight, 127\\.0\\.0\\.1:\\d+, has counter = \\d+")
            .containsPattern("async: +timestampAsync\\(\\) = \\d+")
            .containsPattern("callback: +randInts\\(3\\) = \\[\\d+, \\d+, \\d+\\]")
            .contains("remote exception:  java.lang.RuntimeException: Expected exception.")
            .containsPattern("all/vector: +allTimestamps\\(\\) = \\[\\d+\\] \\(one server left\\)")
            .endsWith("done" + System.lineSeparator());
    }
}
