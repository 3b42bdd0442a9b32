package io.slacker.gateway.internal;

import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayConfig.Route;
import io.slacker.gateway.GatewayException;
import io.slacker.gateway.RequestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Route 1010: forwards {@code http} routes to their plain HTTP origin with {@link HttpClient#sendAsync}. */
final class HttpForwardFilter extends BaseFilter {
    /** Hop-by-hop headers, and those {@link HttpClient} sets itself. */
    private static final Set<String> SKIP = Set.of("connection", "content-length", "expect", "host", "upgrade", "keep-alive",
        "te", "trailer", "transfer-encoding", "proxy-authorization", "proxy-authenticate", "http2-settings");

    private final HttpClient client;
    private final Duration timeout;

    HttpForwardFilter(HttpClient client, Duration timeout) {
        super(FilterType.ROUTE, 1010);
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return !ctx.hasResponse() && ctx.error() == null && ctx.attribute(ROUTE) instanceof Route r && r.type().equals("http");
    }

    @Override
    public void run(RequestContext ctx) {
        URI target;
        try {
            target = URI.create(ctx.routeUri());
        } catch (IllegalArgumentException e) {
            throw new GatewayException(400, "bad-request", "cannot forward to " + ctx.routeUri());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout)
            .method(ctx.method(), ctx.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(ctx.body()));
        for (Map.Entry<String, String> h : ctx.requestHeaders()) {
            if (!SKIP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                b.header(h.getKey(), h.getValue());
            }
        }
        ctx.await(client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenAccept(resp -> {
            for (Map.Entry<String, List<String>> h : resp.headers().map().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (!SKIP.contains(name) && !name.startsWith(":")) {
                    ctx.responseHeaders().set(h.getKey(), h.getValue());
                }
            }
            ctx.respond(resp.statusCode(), resp.headers().firstValue("content-type").orElse(null), resp.body());
        }));
    }
}
