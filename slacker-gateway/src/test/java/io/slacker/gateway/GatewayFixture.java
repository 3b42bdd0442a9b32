package io.slacker.gateway;

import io.slacker.cluster.ClusterServer;
import io.slacker.SlackerServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Shared helpers: cluster servers, a Curator client, HTTP requests (java.net.http and raw sockets). */
final class GatewayFixture {
    static final String CLUSTER = "gw-cluster";
    static final String NS = "gw.calc";

    private GatewayFixture() {
    }

    /** Starts a cluster server exposing {@link CalcApi}. */
    static ClusterServer server(String zk) {
        int[] port = new int[1];
        ClusterServer s = ClusterServer.builder()
            .server(SlackerServer.builder().host("127.0.0.1").port(0).expose(CalcApi.class, new CalcApi.Impl(port))
                .shutdownTimeout(Duration.ofSeconds(2)))
            .zookeeper(zk).cluster(CLUSTER).node("127.0.0.1")
            .sessionTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(10)).gracePeriod(Duration.ofMillis(100))
            .start();
        port[0] = s.server().port();
        return s;
    }

    static Gateway.Builder gateway(String zk) {
        return Gateway.builder().host("127.0.0.1").port(0).zookeeper(zk).cluster(CLUSTER).prefix("/api")
            .callTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(5));
    }

    static CuratorFramework curator(String zk) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(zk, 5000, 5000, new RetryOneTime(200));
        c.start();
        c.blockUntilConnected();
        return c;
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> post(HttpClient http, int port, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes on one connection and reads until {@code responses} responses (by status line) or EOF. */
    static List<String> raw(int port, String request, int responses) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            List<String> parsed = new ArrayList<>();
            while (parsed.size() < responses) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                parsed = split(got.toString(StandardCharsets.ISO_8859_1));
            }
            return parsed;
        }
    }

    /** Complete responses (status line, headers, Content-Length body) in a byte stream. */
    private static List<String> split(String all) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int end = all.indexOf("\r\n\r\n", i);
            if (end < 0) {
                return out;
            }
            String head = all.substring(i, end);
            int len = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    len = Integer.parseInt(line.substring(15).trim());
                }
            }
            int stop = end + 4 + len;
            if (stop > all.length()) {
                return out;
            }
            out.add(all.substring(i, stop));
            i = stop;
        }
    }
}
