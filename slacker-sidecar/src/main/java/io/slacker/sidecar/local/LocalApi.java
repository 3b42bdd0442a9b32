package io.slacker.sidecar.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.slacker.CallOptions;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.CallTimeoutException;
import io.slacker.UnavailableException;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ConfigException;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's HTTP API for the application, on the loopback interface only:
 *
 * <pre>
 * GET  /hosts/NS          the servers of NS, a JSON array of "host:port"
 * POST /call/NS/FN?...    a cluster call: JSON array of arguments in, JSON result out
 *                         (query: grouping, results, exceptions, failover, timeout)
 * GET  /config/KEY        the application's config value as JSON (404 when missing)
 * </pre>
 *
 * Errors answer a JSON object {@code {"error": "..."}} with 400 (bad request), 404 (no such
 * function, namespace or key), 502 (the remote function threw), 503 (no server) or 504 (timeout).
 */
public final class LocalApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ClusterClient cluster;
    private final ClusterConfig config;
    private final Serializer json;

    private LocalApi(HttpServer server, ClusterClient cluster, ClusterConfig config, Serializer json) {
        this.server = server;
        this.cluster = cluster;
        this.config = config;
        this.json = json;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "slacker-sidecar-local");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts the API on {@code 127.0.0.1:port} (0: any free port).
     *
     * @throws IOException when the port cannot be bound
     */
    public static LocalApi start(int port, ClusterClient cluster, ClusterConfig config, Serializer json) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        LocalApi api = new LocalApi(s, cluster, config, json);
        s.start();
        return api;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        try {
            String[] parts = ex.getRequestURI().getPath().substring(1).split("/", -1);
            String method = ex.getRequestMethod();
            if (parts.length == 2 && parts[0].equals("hosts") && method.equals("GET") && !parts[1].isEmpty()) {
                reply(ex, 200, cluster.servers(parts[1]));
            } else if (parts.length == 3 && parts[0].equals("call") && method.equals("POST")) {
                call(ex, parts[1], parts[2]);
            } else if (parts.length == 2 && parts[0].equals("config") && method.equals("GET")) {
                Object v = config.require(parts[1]);
                reply(ex, 200, v);
            } else {
                reply(ex, 404, error("no such resource: " + method + " " + ex.getRequestURI().getPath()
                    + " (GET /hosts/NS, POST /call/NS/FN, GET /config/KEY)"));
            }
        } catch (RuntimeException e) {
            fail(ex, e);
        }
    }

    private void call(HttpExchange ex, String ns, String fn) {
        List<Object> args = readArgs(ex);
        Map<String, String> q = Query.parse(ex.getRequestURI().getRawQuery());
        GroupingPolicy policy = Query.policy(q);
        CallOptions options = Query.options(q);
        cluster.callAsync(ns, fn, args, options.with(GroupingPolicy.KEY, policy)).whenComplete((result, error) -> {
            if (error != null) {
                fail(ex, error);
            } else {
                reply(ex, 200, result);
            }
        });
    }

    private List<Object> readArgs(HttpExchange ex) {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the request body: " + e);
        }
        if (body.length == 0) {
            return List.of();
        }
        Object v;
        try {
            v = json.deserialize(body);
        } catch (SerializationException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("the body must be a JSON array of arguments");
        }
        return new ArrayList<>(l);
    }

    private void fail(HttpExchange ex, Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        int status;
        if (t instanceof IllegalArgumentException) {
            status = 400;
        } else if (t instanceof NotFoundException) {
            status = 404;
        } else if (t instanceof ConfigException && t.getMessage() != null && t.getMessage().startsWith("no config key")) {
            status = 404;
        } else if (t instanceof RemoteException) {
            status = 502;
        } else if (t instanceof UnavailableException) {
            status = 503;
        } else if (t instanceof CallTimeoutException) {
            status = 504;
        } else {
            status = 500;
        }
        reply(ex, status, error(t.getMessage() != null ? t.getMessage() : t.toString()));
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private void reply(HttpExchange ex, int status, Object value) {
        try (ex) {
            byte[] body;
            try {
                body = json.serialize(value);
            } catch (SerializationException e) {
                status = 500;
                body = json.serialize(error("the result has no JSON form: " + e.getMessage()));
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        } catch (IOException e) {
            LOG.debug("local API answer not sent: {}", e.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
