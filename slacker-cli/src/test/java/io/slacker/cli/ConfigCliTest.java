package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cli.CliFixture.Run;
import io.slacker.cluster.ClusterConfig;
import io.slacker.testing.EmbeddedZooKeeper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code slacker config ...} against an embedded ZooKeeper. */
class ConfigCliTest {
    private static EmbeddedZooKeeper zk;

    @BeforeAll
    static void start() {
        zk = EmbeddedZooKeeper.start(0);
    }

    @AfterAll
    static void stop() {
        zk.close();
    }

    private static Run config(String... args) {
        return configOf("greeter", args);
    }

    private static Run configOf(String app, String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "config";
        all[1] = args[0];
        all[2] = "--zk";
        all[3] = zk.connectString();
        all[4] = "--cluster";
        all[5] = "cli-config";
        all[6] = "--app=" + app;
        System.arraycopy(args, 1, all, 7, args.length - 1);
        return run(all);
    }

    @Test
    void setGetListDelete() {
        assertThat(config("set", "greeting", "\"Hello\"").out().trim()).isEqualTo("0");
        assertThat(config("set", "greeting", "\"Hi\"").out().trim()).isEqualTo("1");
        assertThat(config("set", "limits", "{:pool 8, :burst [1 2]}").exit()).isZero();

        Run get = config("get", "greeting");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).isEqualTo("\"Hi\"\n");
        assertThat(config("get", "--version", "greeting").out()).isEqualTo("1 \"Hi\"\n");
        assertThat(config("list").out()).contains("greeting \"Hi\"\nlimits {:pool 8, :burst [1 2]}\n");

        // what the CLI wrote, the Java API reads
        try (ClusterConfig c = ClusterConfig.builder().zookeeper(zk.connectString()).cluster("cli-config").app("greeter").start()) {
            assertThat(c.getString("greeting", null)).isEqualTo("Hi");
        }

        assertThat(config("delete", "limits").exit()).isZero();
        Run gone = config("delete", "limits");
        assertThat(gone.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.err()).contains("not found: no config key 'limits'");
    }

    @Test
    void badInputGetsItsExitCode() {
        Run missing = config("get", "nope");
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("no config key 'nope' for app 'greeter'");
        assertThat(missing.out()).isEmpty();

        Run badEdn = config("set", "k", "{:a");
        assertThat(badEdn.exit()).as(badEdn.toString()).isEqualTo(ExitCodes.BAD_EDN);
        assertThat(badEdn.err()).contains("bad EDN: value '{:a'");
        assertThat(config("get", "k").exit()).isEqualTo(ExitCodes.NOT_FOUND);

        assertThat(config("set", "cas", "1", "--if-version=-1").exit()).isZero();
        Run conflict = config("set", "cas", "2", "--if-version=-1");
        assertThat(conflict.exit()).as(conflict.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(conflict.err()).contains("conflict: config key 'cas' changed concurrently: expected no value, found version 0");
        assertThat(config("set", "cas", "2", "--if-version=0").out().trim()).isEqualTo("1");
        assertThat(config("set", "cas", "3", "--if-version=0").exit()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(config("get", "cas").out().trim()).isEqualTo("2");

        assertThat(config("get", "a/b").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("config", "get", "--zk", zk.connectString(), "--cluster", "c", "k").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void watchPrintsEachChange() throws Exception {
        CompletableFuture<Run> watch = CompletableFuture.supplyAsync(
            () -> configOf("watched", "watch", "--count", "2", "--duration", "60s"));
        try (ClusterConfig c = ClusterConfig.builder().zookeeper(zk.connectString()).cluster("cli-config").app("watched")
            .connectTimeout(Duration.ofSeconds(10)).start()) {
            Run first = null;
            for (long v = 2; first == null; v++) {
                // keep changing until the watcher has printed two changes and stopped
                c.set("watched", v);
                try {
                    first = watch.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // not yet
                }
            }
            assertThat(first.exit()).as(first.toString()).isZero();
            // changes only (not the values found at start), in order
            java.util.List<String> lines = first.out().lines().toList();
            assertThat(lines).hasSize(2).allMatch(l -> l.matches("watched \\d+"));
            assertThat(Long.parseLong(lines.get(1).substring(8))).isGreaterThan(Long.parseLong(lines.get(0).substring(8)));
            assertThat(first.err()).contains("watching /slacker/cluster/cli-config/config/watched");
        }
    }
}
