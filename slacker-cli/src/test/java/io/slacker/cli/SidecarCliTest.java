package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cli.CliFixture.Run;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.sidecar.PythonApp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code slacker sidecar} in front of the Python test app, called with {@code slacker call --zk}. */
class SidecarCliTest {
    private static final String NS = "my.py.svc";
    private static EmbeddedZooKeeper zk;
    private static PythonApp app;

    @BeforeAll
    static void start() throws Exception {
        zk = EmbeddedZooKeeper.start(0);
        app = PythonApp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        zk.close();
    }

    private static Run call(String fn, String args) {
        return run("call", "--zk", zk.connectString(), "--cluster", "sidecar-cli", NS + "/" + fn, args);
    }

    @Test
    void theCliRunsASidecarAndCallsThroughIt() throws Exception {
        CompletableFuture<Run> sidecar = CompletableFuture.supplyAsync(() -> run("sidecar", "--zk", zk.connectString(),
            "--cluster", "sidecar-cli", "--namespace", NS, "--app", app.url().toString(), "--port", "0", "--host", "127.0.0.1",
            "--node", "127.0.0.1", "--interval", "200ms", "--health-timeout", "30s", "--functions", "add,fail", "--duration", "15s"));
        Run added = call("add", "[1 2]");
        while (added.exit() == ExitCodes.UNAVAILABLE && !sidecar.isDone()) {
            Thread.sleep(100);
            added = call("add", "[1 2]");
        }
        assertThat(added.exit()).as(added.toString()).isZero();
        assertThat(added.out()).isEqualTo("3\n");

        Run failed = call("fail", "[\"x\"]");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(ExitCodes.REMOTE_EXCEPTION);
        assertThat(failed.err()).contains("answered HTTP 500: boom: x");
        assertThat(call("greet", "[\"y\"]").exit()).isEqualTo(ExitCodes.NOT_FOUND);

        Run done = sidecar.get(60, TimeUnit.SECONDS);
        assertThat(done.exit()).as(done.toString()).isZero();
        assertThat(done.out()).contains("sidecar for my.py.svc at 127.0.0.1:").contains("[add, fail]")
            .contains("sidecar stopped");
        // stopped: unregistered
        assertThat(call("add", "[1 2]").exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void badSidecarCommandsFailClearly() {
        Run badUrl = run("sidecar", "--zk", zk.connectString(), "--cluster", "c", "--namespace", NS, "--app", "nope");
        assertThat(badUrl.exit()).as(badUrl.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUrl.err()).contains("--app must be an http(s) URL");

        // nothing listens on the app port: discovery fails, nothing stays registered
        Run noApp = run("sidecar", "--zk", zk.connectString(), "--cluster", "c", "--namespace", NS, "--app",
            "http://127.0.0.1:1", "--port", "0");
        assertThat(noApp.exit()).as(noApp.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(noApp.err()).contains("cannot start the sidecar for my.py.svc").contains("GET http://127.0.0.1:1/slacker/functions");
    }
}
