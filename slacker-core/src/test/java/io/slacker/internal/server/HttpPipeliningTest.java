package io.slacker.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.SlackerServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 pipelining on the server's own HTTP transport: answers go out in request order. */
class HttpPipeliningTest {
    private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/clj\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Reads {@code n} responses off the stream; returns their bodies in arrival order. */
    private static List<String> bodies(InputStream in, int n) throws Exception {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (out.size() < n) {
            String text = buf.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                Matcher m = LENGTH.matcher(text.substring(0, headEnd));
                assertThat(m.find()).as("content-length in %s", text).isTrue();
                int len = Integer.parseInt(m.group(1));
                if (text.length() >= headEnd + 4 + len) {
                    out.add(text.substring(headEnd + 4, headEnd + 4 + len));
                    byte[] rest = text.substring(headEnd + 4 + len).getBytes(StandardCharsets.ISO_8859_1);
                    buf.reset();
                    buf.write(rest);
                    continue;
                }
            }
            int r = in.read(chunk);
            if (r < 0) {
                break;
            }
            buf.write(chunk, 0, r);
        }
        return out;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenAnEarlierOneIsSlower() throws Exception {
        CountDownLatch fastDone = new CountDownLatch(3);
        SlackerServer s = SlackerServer.builder().host("127.0.0.1").port(0).http(0).threads(4)
            .expose("p", Map.of(
                "slow", args -> {
                    // finishes only after the later, fast calls have finished
                    fastDone.await(5, TimeUnit.SECONDS);
                    return "slow";
                },
                "fast", args -> {
                    fastDone.countDown();
                    return args.get(0);
                }))
            .start();
        try (Socket socket = new Socket("127.0.0.1", s.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((post("/p/slow.clj", "[]") + post("/p/fast.clj", "[1]") + post("/p/fast.clj", "[2]")
                + post("/p/fast.clj", "[3]")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(bodies(socket.getInputStream(), 4)).containsExactly("\"slow\"", "1", "2", "3");
            // the connection stays usable
            out.write(post("/p/fast.clj", "[4]").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(bodies(socket.getInputStream(), 1)).containsExactly("4");
        } finally {
            s.close();
        }
    }
}
