package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cli.CliFixture.Run;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that greets like the Clojure slacker 0.18 (its server-hello bytes) and, like it, closes
 * the connection on a request for an unknown function: the CLI says so instead of "unreachable".
 */
class ClojureServerClosesTest {
    /** The Clojure server's hello: v6, tid 0, type 11, "0.18.0-SNAPSHOT". */
    private static final byte[] CLOJURE_HELLO = HexFormat.of().parseHex("06000000000b000f302e31382e302d534e415053484f54");

    @Test
    void unknownFunctionOnAClojureServer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[] fname = "slacker.example.api/no-such-fn".getBytes(StandardCharsets.UTF_8);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(CLOJURE_HELLO);
                    s.getOutputStream().flush();
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    byte[] buf = new byte[256];
                    for (int n; !contains(got.toByteArray(), fname) && (n = in.read(buf)) > 0; ) {
                        got.write(buf, 0, n);
                    }
                    // the request is in: close without an answer
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Run r = run("call", "127.0.0.1:" + listener.getLocalPort(), "slacker.example.api/no-such-fn", "[1]");
            server.get(10, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(r.err()).contains("the server closed the connection; a Clojure slacker server does that for an"
                + " unknown function").doesNotContain("unreachable");
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
