package io.slacker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's routes and filter settings: one immutable snapshot, read from a JSON file or
 * assembled from ZooKeeper ({@code <root>/<cluster>/gateway/settings}, {@code .../routes/<name>},
 * {@code .../keys/<key>}) and replaced as a whole on every change. The JSON shape (docs/gateway.md):
 *
 * <pre>{@code
 * {"domain": "example.com", "auth": true, "cors": {"origins": ["*"]},
 *  "responseHeaders": {"X-Served-By": "slacker"},
 *  "routes": {"legacy": {"path": "/legacy", "type": "http", "url": "http://127.0.0.1:9000"}},
 *  "keys": {"secret-key": {"rate": 10, "burst": 20}}}
 * }</pre>
 */
public final class GatewayConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GatewayConfig EMPTY = new GatewayConfig(JSON.createObjectNode(), Map.of(), Map.of());

    private final String domain;
    private final boolean auth;
    private final List<String> corsOrigins;
    private final Map<String, String> responseHeaders;
    private final List<Route> routes;
    private final Map<String, KeyLimit> keys;

    /**
     * One route. {@code type} is {@code slacker} (call {@code namespace}, or the namespace named by
     * the next path segment), {@code http} (forward to {@code url}), {@code static} (answer
     * {@code status}/{@code contentType}/{@code body}) or {@code redirect} (answer {@code status}
     * with {@code Location: location}). A route matches requests whose path starts with
     * {@code path} or whose host is {@code <name>.<domain>}; grouping/results set fan-out.
     */
    public record Route(String name, String path, String type, String namespace, String url, int status,
                        String contentType, String body, String location, String grouping, String results) {
    }

    /** The limits of one API key: {@code rate} tokens per second, bucket size {@code burst}; rate 0 = unlimited. */
    public record KeyLimit(double rate, int burst) {
    }

    private GatewayConfig(JsonNode settings, Map<String, JsonNode> routes, Map<String, JsonNode> keys) {
        this.domain = text(settings, "domain", null);
        this.auth = settings.path("auth").asBoolean(false);
        List<String> origins = new ArrayList<>();
        settings.path("cors").path("origins").forEach(n -> origins.add(n.asText()));
        this.corsOrigins = List.copyOf(origins);
        Map<String, String> headers = new LinkedHashMap<>();
        settings.path("responseHeaders").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        this.responseHeaders = Map.copyOf(headers);
        List<Route> rs = new ArrayList<>();
        routes.forEach((name, n) -> rs.add(route(name, n)));
        // longest path first, so /api/v2 wins over /api
        rs.sort(Comparator.comparingInt((Route r) -> r.path() == null ? 0 : r.path().length()).reversed()
            .thenComparing(Route::name));
        this.routes = List.copyOf(rs);
        Map<String, KeyLimit> ks = new LinkedHashMap<>();
        keys.forEach((k, n) -> ks.put(k, new KeyLimit(n.path("rate").asDouble(0), Math.max(1, n.path("burst").asInt(1)))));
        this.keys = Map.copyOf(ks);
    }

    private static Route route(String name, JsonNode n) {
        String type = text(n, "type", "slacker").toLowerCase(Locale.ROOT);
        if (!List.of("slacker", "http", "static", "redirect").contains(type)) {
            throw new IllegalArgumentException("route " + name + ": unknown type " + type);
        }
        String path = text(n, "path", null);
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("route " + name + ": path must start with /: " + path);
        }
        if (type.equals("http") && text(n, "url", null) == null) {
            throw new IllegalArgumentException("route " + name + ": an http route needs a url");
        }
        int status = n.path("status").asInt(type.equals("redirect") ? 302 : 200);
        return new Route(name, path, type, text(n, "namespace", null), text(n, "url", null), status,
            text(n, "contentType", "text/plain; charset=utf-8"), text(n, "body", ""), text(n, "location", null),
            text(n, "grouping", null), text(n, "results", null));
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    /** No routes, no keys, no settings: only the default slacker route. */
    public static GatewayConfig empty() {
        return EMPTY;
    }

    /** Parses the JSON shape of the class comment. */
    public static GatewayConfig fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("gateway config must be a JSON object");
            }
            ObjectNode settings = ((ObjectNode) root).deepCopy();
            settings.remove("routes");
            settings.remove("keys");
            return new GatewayConfig(settings, fields(root.path("routes")), fields(root.path("keys")));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad gateway config: " + e.getMessage(), e);
        }
    }

    /** Reads a JSON config file. */
    public static GatewayConfig fromFile(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gateway config " + file, e);
        }
    }

    /**
     * Assembles a config from the pieces stored in ZooKeeper: the settings node's JSON, each
     * route node's JSON by name and each key node's JSON by key (empty data = no limit).
     */
    public static GatewayConfig fromParts(String settingsJson, Map<String, String> routeJson, Map<String, String> keyJson) {
        try {
            JsonNode settings = settingsJson == null || settingsJson.isBlank() ? JSON.createObjectNode() : JSON.readTree(settingsJson);
            Map<String, JsonNode> routes = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : routeJson.entrySet()) {
                routes.put(e.getKey(), JSON.readTree(e.getValue()));
            }
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : keyJson.entrySet()) {
                String v = e.getValue();
                keys.put(e.getKey(), v == null || v.isBlank() ? JSON.createObjectNode() : JSON.readTree(v));
            }
            return new GatewayConfig(settings, routes, keys);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad gateway config in ZooKeeper: " + e.getMessage(), e);
        }
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** The domain for host-based service detection ({@code <service>.<domain>}), or null. */
    public String domain() {
        return domain;
    }

    /** Whether every routed request needs an API key. */
    public boolean auth() {
        return auth;
    }

    /** The origins CORS allows ({@code *} for any); empty = no CORS headers. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /** Headers added to every response. */
    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    /** The routes, longest path first. */
    public List<Route> routes() {
        return routes;
    }

    /** The API keys and their limits. */
    public Map<String, KeyLimit> keys() {
        return keys;
    }
}
