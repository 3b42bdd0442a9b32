package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.CallOptions;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.cli.CliFixture.Run;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.internal.serialization.edn.EdnReader;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command against the example server on loopback: output and exit code of success and of each failure class. */
class CliTest {
    private static SlackerServer server;
    private static String addr;

    @BeforeAll
    static void start() {
        server = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).start();
        addr = "127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Object edn(String text) {
        return EdnReader.standard().read(text);
    }

    // ---- call

    @Test
    void callPrintsTheResultAsEdn() {
        Run r = run("call", addr, "slacker.example.api/rand-ints", "[3]");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().trim()).startsWith("(").endsWith(")");
        assertThat((List<?>) edn(r.out())).hasSize(3).allSatisfy(v -> assertThat(v).isInstanceOf(Long.class));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void callWithStructuredArguments() {
        Run r = run("call", addr, "slacker.example.api/echo", "[{:a 1, :b [1 2 #{:x}] :c \"é\"} nil]");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(edn(r.out())).isEqualTo(edn("[{:a 1, :b [1 2 #{:x}] :c \"é\"} nil]"));
    }

    @Test
    void callWithoutArgumentsSendsAnEmptyVector() {
        Run r = run("call", addr, "slacker.example.api/return-zero");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("0\n");
        assertThat(run("call", addr, "slacker.example.api/return-nil", "[]").out()).isEqualTo("nil\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clj", "json", "nippy", "transit-json", "transit-msgpack", "carb", "deflate-clj", "deflate-json",
        "deflate-nippy", "deflate-carb"})
    void callInEveryContentType(String type) {
        Run r = run("call", addr, "slacker.example.api/echo", "[[1 \"two\" 3.5]]", "--content-type", type);
        assertThat(r.exit()).as(r.toString()).isZero();
        // JSON has no vector/list distinction; a top-level array reads as a seq, as cheshire's does
        String expected = type.endsWith("json") && !type.startsWith("transit") ? "(1 \"two\" 3.5)\n" : "[1 \"two\" 3.5]\n";
        assertThat(r.out()).isEqualTo(expected);
    }

    @Test
    void callWithProtocolV5AndExtensions() {
        assertThat(run("call", addr, "slacker.example.api/echo", "[:v5]", "--protocol", "5").out()).isEqualTo(":v5\n");
        Run r = run("call", addr, "slacker.example.api/echo", "[1]", "-x", "1=\"x\"", "--extension", "-1=12345");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("1\n");
    }

    @Test
    void notFoundHandlerAnswersUnknownNamesOfItsNamespace() {
        Run r = run("call", addr, "slacker.example.api/no-such-fn", "[1]");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("[\"Function not found: \" \"no-such-fn\" [1]]\n");
    }

    @Test
    void prettyOutputReadsBackAsTheSameValue() {
        Run r = run("call", addr, "slacker.example.api/rand-ints", "[40]", "--pretty");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().count()).isGreaterThan(1);
        assertThat((List<?>) edn(r.out())).hasSize(40);
    }

    // ---- failures of call, each with its exit code

    @Test
    void badEdnArgumentsExit3() {
        Run r = run("call", addr, "slacker.example.api/echo", "[1 2");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_EDN).isEqualTo(3);
        assertThat(r.err()).contains("bad EDN").contains("[1 2");
        assertThat(r.out()).isEmpty();

        Run notVector = run("call", addr, "slacker.example.api/echo", "42");
        assertThat(notVector.exit()).isEqualTo(3);
        assertThat(notVector.err()).contains("must be an EDN vector");

        Run badExtension = run("call", addr, "slacker.example.api/echo", "[1]", "-x", "1={:a");
        assertThat(badExtension.exit()).isEqualTo(3);
        assertThat(badExtension.err()).contains("extension 1");
    }

    @Test
    void unreachableServerExits4() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("call", "127.0.0.1:" + port, "slacker.example.api/timestamp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE).isEqualTo(4);
        assertThat(r.err()).contains("server unreachable").contains("127.0.0.1:" + port);
        assertThat(run("functions", "127.0.0.1:" + port).exit()).isEqualTo(4);
    }

    @Test
    void unknownFunctionExits5() {
        Run r = run("call", addr, "slacker.example.api2/no-such-fn", "[]");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND).isEqualTo(5);
        assertThat(r.err()).contains("not found").contains("slacker.example.api2/no-such-fn");
        assertThat(run("call", addr, "no.such.ns/f").exit()).isEqualTo(5);
    }

    @Test
    void remoteExceptionExits6WithTheServersMessage() {
        Run r = run("call", addr, "slacker.example.api/make-error");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REMOTE_EXCEPTION).isEqualTo(6);
        assertThat(r.err()).contains("remote exception: java.lang.RuntimeException: Expected exception.");
        assertThat(run("call", addr, "slacker.example.api/async-exception").err()).contains("Expected error in async fn.");
        Run arity = run("call", addr, "slacker.example.api/rand-ints", "[1 2 3]");
        assertThat(arity.exit()).isEqualTo(6);
        assertThat(arity.err()).contains("Wrong number of args (3)");
    }

    @Test
    void timeoutExits7() {
        Run r = run("call", addr, "slacker.example.api/long-running", "--timeout", "300ms", "--interrupt-on-timeout");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT).isEqualTo(7);
        assertThat(r.err()).contains("timeout").contains("300 ms");
    }

    @Test
    void threadPoolFullExits8() throws Exception {
        // slacker.example.api2 runs on a pool of 1 thread and 1 queue slot: two sleeps fill it
        try (SlackerClient c = SlackerClient.builder().address(addr).timeout(Duration.ofSeconds(10)).build()) {
            CompletableFuture<Object> a = c.callAsync(ExampleFunctions.API2, "sleep", List.of(1500), CallOptions.defaults());
            CompletableFuture<Object> b = c.callAsync(ExampleFunctions.API2, "sleep", List.of(1500), CallOptions.defaults());
            long until = System.nanoTime() + 5_000_000_000L;
            while (server.inFlight() < 2 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Run r = run("call", addr, "slacker.example.api2/echo2", "[1]");
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED).isEqualTo(8);
            assertThat(r.err()).contains("refused").contains("thread pool full");
            a.get();
            b.get();
        }
    }

    @Test
    void usageErrorsExit2() {
        assertThat(run("call", addr).exit()).isEqualTo(2);
        Run badName = run("call", addr, "no-slash", "[]");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).contains("expected namespace/function");
        // one line and a hint, not the whole usage
        assertThat(badName.err().lines()).hasSize(2);
        assertThat(badName.err().lines().toList().get(0)).startsWith("slacker call: ");
        assertThat(badName.err().lines().toList().get(1)).isEqualTo("try 'slacker call --help'");
        assertThat(badName.out()).isEmpty();
        Run badAddr = run("call", "localhost", "a/b");
        assertThat(badAddr.exit()).isEqualTo(2);
        assertThat(badAddr.err()).contains("bad address");
        Run badType = run("call", addr, "a/b", "--content-type", "xml");
        assertThat(badType.exit()).isEqualTo(2);
        assertThat(badType.err()).contains("unknown content type 'xml'");
        assertThat(run("call", addr, "a/b", "--timeout", "soon").exit()).isEqualTo(2);
        Run unknown = run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("slacker: Unmatched argument").endsWith("try 'slacker --help'" + System.lineSeparator());
        Run typo = run("functoins", addr);
        assertThat(typo.err()).contains("Did you mean").contains("functions");
        assertThat(run().exit()).isEqualTo(2);
    }

    // ---- inspect

    @Test
    void functionsListsNamesOnePerLine() {
        Run all = run("functions", addr);
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out().lines()).contains("slacker.example.api/rand-ints", "slacker.example.api/timestamp",
            "slacker.example.api2/echo2");
        Run api2 = run("functions", addr, "slacker.example.api2");
        // the Clojure server's order for the same names (hash order: the server has more than 8 functions)
        assertThat(api2.out().lines()).containsExactly("slacker.example.api2/sleep", "slacker.example.api2/echo2");
        Run none = run("functions", addr, "no.such");
        assertThat(none.exit()).isEqualTo(5);
        assertThat(none.err()).contains("no function whose name starts with 'no.such'");
    }

    @Test
    void metaPrintsNameDocAndArglists() {
        Run r = run("meta", addr, "slacker.example.api/rand-ints");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{:name rand-ints, :doc \"test collection result\", :arglists ([n])}\n");
        Run dynamic = run("meta", addr, "slacker.example.api2/echo2");
        assertThat(dynamic.exit()).isZero();
        assertThat(dynamic.out()).isEqualTo("{}\n");
        Run unknown = run("meta", addr, "slacker.example.api/nope");
        assertThat(unknown.exit()).isEqualTo(5);
        assertThat(unknown.err()).contains("no function slacker.example.api/nope");
    }

    @Test
    void clientsShowsThisConnection() {
        Run r = run("clients", addr, "--client-name", "cli-test");
        assertThat(r.exit()).as(r.toString()).isZero();
        Object v = edn(r.out());
        assertThat(v).isInstanceOf(java.util.Map.class);
        assertThat(r.out()).contains(":connected-clients").contains(":name \"cli-test\"").contains(":started-on #inst");
    }

    // ---- bench

    @Test
    void benchPrintsThroughputAndPercentiles() {
        Run r = run("bench", addr, "slacker.example.api/echo", "[42]", "--calls", "400", "--concurrency", "8");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("calls        400 (0 failed)").containsPattern("throughput +\\d+ calls/s")
            .containsPattern("p50 \\d+\\.\\d+ ms").containsPattern("p99 \\d+\\.\\d+ ms");
    }

    @Test
    void benchFailsWithTheCodeOfTheFailure() {
        Run r = run("bench", addr, "slacker.example.api/make-error", "--calls", "10");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        Run bad = run("bench", addr, "slacker.example.api/echo", "[1", "--calls", "10");
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(run("bench", addr, "slacker.example.api/echo", "[1]", "--calls", "0").exit()).isEqualTo(2);
    }

    @Test
    void percentileIsNearestRank() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertThat(BenchCommand.percentile(v, 50)).isEqualTo(50);
        assertThat(BenchCommand.percentile(v, 99)).isEqualTo(99);
        assertThat(BenchCommand.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    // ---- help and version

    @Test
    void helpListsCommandsAndExitCodes() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("call", "functions", "meta", "clients", "bench", "Exit codes:")
            .containsPattern("3 +the EDN given on the command line does not read")
            .containsPattern("7 +no answer within --timeout")
            .containsPattern("10 +config: compare-and-set lost");
        Run call = run("call", "--help");
        assertThat(call.exit()).isZero();
        assertThat(call.out()).contains("--content-type", "--timeout", "Exit codes:").containsPattern("6 +the remote function threw");
        assertThat(run("--version").out()).startsWith("slacker-cli ");
    }
}
