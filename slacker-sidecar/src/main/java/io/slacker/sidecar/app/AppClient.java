package io.slacker.sidecar.app;

import io.slacker.spi.Serializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP side of a sidecar: calls, function discovery and health checks against the
 * application, all with the JDK's asynchronous {@link HttpClient} (no thread waits on the app).
 */
public final class AppClient {
    private static final int MAX_BODY_IN_MESSAGE = 2000;

    private final URI base;
    private final Duration timeout;
    private final Serializer json;
    private final HttpClient http;

    /**
     * @param base    the application's base URL, e.g. {@code http://127.0.0.1:5000}
     * @param timeout how long one request may take
     * @param json    the JSON serializer (arguments out, answers in)
     */
    public AppClient(URI base, Duration timeout, Serializer json) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The base URL. */
    public URI base() {
        return base;
    }

    /** {@code host:port} of the application (the port defaulted from the scheme). */
    public String hostPort() {
        int port = base.getPort() >= 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        return base.getHost() + ":" + port;
    }

    /**
     * {@code POST BASE/fn} with the arguments as a JSON array; the JSON answer decoded. Fails with
     * an {@link AppCallException} on an HTTP error status or when the app cannot be reached.
     */
    public CompletableFuture<Object> call(String fn, List<Object> args) {
        URI uri = URI.create(base + "/" + fn);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout)
            .header("Content-Type", "application/json").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.serialize(args))).build();
        return send(req).thenApply(body -> body.length == 0 ? null : json.deserialize(body));
    }

    /** {@code GET BASE/slacker/functions}: a JSON array of function names. */
    public CompletableFuture<List<String>> functions() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/slacker/functions")).timeout(timeout)
            .header("Accept", "application/json").GET().build();
        return send(req).thenApply(body -> {
            Object v = json.deserialize(body);
            if (!(v instanceof List<?> l)) {
                throw new IllegalStateException("GET " + req.uri() + ": expected a JSON array of names, got " + text(body));
            }
            List<String> names = new ArrayList<>();
            for (Object o : l) {
                names.add(o instanceof Map<?, ?> m ? String.valueOf(nameOf(m)) : String.valueOf(o));
            }
            return names;
        });
    }

    private static Object nameOf(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (String.valueOf(e.getKey()).replace(":", "").equals("name")) {
                return e.getValue();
            }
        }
        return m;
    }

    /**
     * {@code GET BASE/path}: completes with whether the answer had a 2xx status within
     * {@code within} (false when no answer).
     */
    public CompletableFuture<Boolean> healthy(String path, Duration within) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + (path.startsWith("/") ? path : "/" + path)))
            .timeout(within).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
            .thenApply(r -> r.statusCode() / 100 == 2)
            .exceptionally(e -> false);
    }

    private CompletableFuture<byte[]> send(HttpRequest req) {
        String what = req.method() + " " + req.uri();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                throw new AppCallException(what, c);
            }
            if (r.statusCode() / 100 != 2) {
                throw new AppCallException(what, r.statusCode(), text(r.body()));
            }
            return r.body();
        });
    }

    private static String text(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip();
        return s.length() > MAX_BODY_IN_MESSAGE ? s.substring(0, MAX_BODY_IN_MESSAGE) + "..." : s;
    }
}
