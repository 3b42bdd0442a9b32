package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.SlackerServer;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.testkit.WireVectors.Vector;
import io.slacker.testkit.WireVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP request curl sent to the Clojure example server (wire-vectors/http.jsonl), sent raw
 * to ours, gets the same response bytes. Named exceptions: time- and chance-dependent bodies
 * (timestamp, rand-ints), the arity message (ours names the Java exception), and where the Clojure
 * server answered a bare "500 Internal Error" for a bug: unknown functions get 404, a suffix with
 * no serializer or a body that does not decode gets 400, debug-mode errors a readable map.
 */
class GoldenHttpReplayTest {
    private static SlackerServer server;
    private static SlackerServer debugServer;

    @BeforeAll
    static void start() {
        server = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).http(0).start();
        debugServer = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0).http(0)
            .sendStackTraces(true).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        debugServer.close();
    }

    @Test
    void curlRequestsGetTheClojureServersResponses() throws Exception {
        List<Vector> lines = WireVectors.load("http.jsonl");
        int exact = 0;
        int byMeaning = 0;
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            Vector req = lines.get(i);
            Vector resp = lines.get(i + 1);
            assertThat(req.direction()).isEqualTo("c2s");
            assertThat(resp.scenario()).isEqualTo(req.scenario());
            String scenario = req.scenario();
            SlackerServer target = scenario.startsWith("debug-") ? debugServer : server;
            String got = exchange(target.httpPort(), req.bytes());
            String want = new String(resp.bytes(), StandardCharsets.UTF_8);
            switch (scenario) {
                case "rand-ints-clj" -> {
                    assertThat(status(got)).isEqualTo("HTTP/1.1 200 OK");
                    assertThat(body(got)).matches("\\((\\d+ ){4}\\d+\\)");
                    byMeaning++;
                }
                case "rand-ints-json" -> {
                    assertThat(status(got)).isEqualTo("HTTP/1.1 200 OK");
                    assertThat(body(got)).matches("\\[(\\d+,){4}\\d+\\]");
                    byMeaning++;
                }
                case "timestamp-get-no-body", "timestamp-post-empty-body" -> {
                    assertThat(headers(got)).isEqualTo(headers(want));
                    assertThat(body(got)).matches("\\d{13}");
                    byMeaning++;
                }
                case "wrong-arity-clj" -> {
                    assertThat(status(got)).isEqualTo(status(want));
                    assertThat(body(got)).contains("Wrong number of args (1) passed to: slacker.example.api/make-error");
                    byMeaning++;
                }
                case "not-found-fn-in-map-ns", "not-found-ns" -> {
                    assertThat(status(got)).isEqualTo("HTTP/1.1 404 Not Found");
                    byMeaning++;
                }
                case "nippy-suffix-with-edn-body", "unknown-suffix" -> {
                    assertThat(status(got)).isEqualTo("HTTP/1.1 400 Bad Request");
                    byMeaning++;
                }
                case "debug-make-error-clj", "debug-make-error-json" -> {
                    assertThat(status(got)).isEqualTo("HTTP/1.1 500 Internal Server Error");
                    assertThat(body(got)).contains("Expected exception.").contains("stacktrace");
                    byMeaning++;
                }
                default -> {
                    assertThat(got).as(scenario).isEqualTo(want);
                    exact++;
                }
            }
        }
        assertThat(exact).isEqualTo(7);
        assertThat(byMeaning).isEqualTo(11);
    }

    private static String status(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    private static String headers(String response) {
        return response.substring(0, response.indexOf("\r\n\r\n"));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** Sends one request and reads one response (by its Content-Length). */
    private static String exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (true) {
                String text = buf.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(text.substring(0, end));
                    int len = m.find() ? Integer.parseInt(m.group(1)) : 0;
                    if (buf.size() >= end + 4 + len) {
                        return text;
                    }
                }
                int n = in.read(chunk);
                if (n < 0) {
                    return buf.toString(StandardCharsets.UTF_8);
                }
                buf.write(chunk, 0, n);
            }
        }
    }
}
