package io.slacker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.slacker.SlackerServer;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code target/slacker} launcher the build makes, run as a user runs it (after the package
 * phase: surefire's {@code launcher} execution in the integration-test phase).
 */
class LauncherIT {
    private static final Path LAUNCHER = Paths.get(System.getProperty("slacker.launcher", "target/slacker"));

    private static SlackerServer server;
    private static String addr;

    @BeforeAll
    static void start() {
        // surefire's default execution (before package) may be asked for this class with -Dtest: nothing to run yet
        assumeTrue(Files.exists(LAUNCHER) || Boolean.getBoolean("slacker.launcher.required"),
            "the launcher is made in the package phase");
        server = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).start();
        addr = "127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Result(int exit, String out, String err) {
    }

    private static Result slacker(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("slacker-out", ".txt");
        Path err = Files.createTempFile("slacker-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the launcher did not finish: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void launcherIsAnExecutableBesideTheJar() {
        assertThat(LAUNCHER).isRegularFile().isExecutable();
        assertThat(LAUNCHER.resolveSibling("slacker-cli.jar")).isRegularFile();
    }

    @Test
    void callsAServer() throws Exception {
        Result r = slacker(LAUNCHER, "call", addr, "slacker.example.api/echo", "[[1 \"two\" 3.5]]");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("[1 \"two\" 3.5]\n");
    }

    @Test
    void usageErrorIsOneLineAndAHint() throws Exception {
        Result r = slacker(LAUNCHER, "call", addr, "no-slash");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("slacker call: expected namespace/function");
        assertThat(lines.get(1)).isEqualTo("try 'slacker call --help'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void worksThroughASymbolicLinkFromElsewhere(@TempDir Path bin) throws Exception {
        Path link = Files.createSymbolicLink(bin.resolve("slacker"), LAUNCHER.toAbsolutePath());
        Result r = slacker(link, "--version");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("slacker-cli ");
    }
}
