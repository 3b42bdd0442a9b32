package io.slacker.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark runs end to end, in one JVM and with its servers in a JVM of their own: every
 * target completes its calls without a wrong echo, and the tables have their rows. (Figures are
 * not checked: they belong to the benchmark's output, not to a test.)
 */
class RpcBenchmarkTest {

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            RpcBenchmark.main(args);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @Test
    void inOneJvmEveryTargetAndPayloadGetsItsRows() throws Exception {
        String out = run("--fork=false", "--seconds=0.1", "--rounds=1", "--warmup=0", "--scenarios=lat,2x8",
            "--payloads=32,map", "--targets=raw,raw-pool,clj,nippy-io");
        assertThat(out).contains("servers in the same JVM").doesNotContain("ERRORS")
            .containsPattern("1c x1 +32 B +raw echo +[\\d,]+ ")
            .containsPattern("2c x8 +map +raw echo +[\\d,]+ ")
            .containsPattern("raw echo\\+pool +[\\d,]+ ")
            .containsPattern("slacker clj +[\\d,]+ ")
            .containsPattern("slacker nippy io +[\\d,]+ ")
            .contains("CPU time per call");
    }

    @Test
    void warmUpGoesOnUntilTheJitSettlesOrItsLimitAndSaysHowItEnded() throws Exception {
        String out = run("--fork=false", "--seconds=0.05", "--rounds=1", "--warmup=0.1", "--warmup-max=0.6",
            "--scenarios=1x8", "--payloads=32", "--targets=raw,clj");
        // 0.6 s is too short for the JIT to settle, but one pass is always made and measured
        assertThat(out).containsPattern("warm-up: \\d+ s, 1 pass\\(es\\) over every target and scenario; the last took "
                + "\\d+ ms with \\d+ ms of JIT compilation: (settled|still compiling at warmup-max)")
            .containsPattern("JIT compilation during the measured rounds .*: client \\d+ ms, servers 0 ms")
            .doesNotContain("ERRORS");
    }

    @Test
    void theServersRunInAJvmOfTheirOwnAndReportTheirUsage() throws Exception {
        try (ServerSide side = ServerSide.forked(0, 0, List.of())) {
            assertThat(side.description()).contains("separate JVM");
            ThreadStats before = side.stats();
            try (BenchTarget raw = BenchTarget.raw("raw echo", side.rawPort(), 1);
                 BenchTarget clj = BenchTarget.slacker("slacker clj", ContentType.CLJ, BenchServers.NS,
                     side.slackerPort(), 0)) {
                BenchPayload map = BenchPayload.of("map");
                for (int i = 0; i < 200; i++) {
                    raw.roundTrip(0, map);
                    clj.roundTrip(i % BenchTarget.CONNECTIONS, map);
                }
                assertThat(raw.errors()).isZero();
                assertThat(clj.errors()).isZero();
            }
            ThreadStats used = side.stats().minus(before);
            // the server JVM did the echoing: its server threads allocated and used CPU
            assertThat(used.allocated()).isPositive();
            assertThat(used.cpuByRole().get("server-io") + used.cpuByRole().get("worker")).isPositive();
            assertThat(used.processCpu()).isPositive();
        }
    }

    @Test
    void theClojureServerTargetNeedsItsClassPathAndSaysSo() {
        assertThatThrownBy(() -> RpcBenchmark.main(new String[] {"--targets=clj,clojure-server"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--clojure-cp=")
            .hasMessageContaining("build-classpath.sh");
    }

    @Test
    void aClojureServerJvmThatCannotStartIsReportedNotWaitedFor() {
        // no Clojure here (it comes from the class path that build-classpath.sh assembles): the JVM exits at once
        assertThatThrownBy(() -> ServerSide.clojure("/nonexistent", List.of()).close())
            .isInstanceOf(IOException.class).hasMessageContaining("did not start").hasMessageContaining("clojure.main");
    }

    @Test
    void statsTravelAsOneLine() {
        ThreadStats s = new ThreadStats(5, 7, Map.of("caller", 1L, "client-io", 2L, "server-io", 3L, "worker", 4L,
            "other", 0L), 11);
        ThreadStats back = ThreadStats.decode(s.encode());
        assertThat(back.processCpu()).isEqualTo(5);
        assertThat(back.allocated()).isEqualTo(7);
        assertThat(back.cpuByRole()).isEqualTo(s.cpuByRole());
        assertThat(back.jitMillis()).isEqualTo(11);
    }
}
