package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.ContentType;
import io.slacker.SlackerCaller;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayConfig.Route;
import io.slacker.gateway.GatewayException;
import io.slacker.gateway.RequestContext;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Route 1000: calls {@code /<namespace>/<function>} (the route URI) through the cluster client,
 * asynchronously. Arguments: the body (a JSON array, or EDN / transit-json by Content-Type) or
 * {@code ?args=} (JSON) for GET; the answer in the format of Accept; {@code ?grouping=&results=}
 * (or the route's settings) for fan-out.
 */
final class SlackerRouteFilter extends BaseFilter {
    private final SlackerCaller cluster;
    private final FunctionCatalog catalog;
    private final Serializers serializers = Serializers.defaults();

    SlackerRouteFilter(SlackerCaller cluster, FunctionCatalog catalog) {
        super(FilterType.ROUTE, 1000);
        this.cluster = cluster;
        this.catalog = catalog;
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return !ctx.hasResponse() && ctx.error() == null && ctx.attribute(ROUTE) instanceof Route r && r.type().equals("slacker");
    }

    @Override
    public void run(RequestContext ctx) {
        String uri = ctx.routeUri() == null ? "" : ctx.routeUri();
        String[] parts = uri.startsWith("/") ? uri.substring(1).split("/", -1) : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new GatewayException(404, "not-found", "expected /<namespace>/<function>, got " + uri);
        }
        String ns = parts[0];
        String fn = parts[1];
        ContentType out = Formats.ofAccept(ctx.requestHeaders().get(HttpHeaderNames.ACCEPT));
        if (out == null) {
            throw new GatewayException(406, "not-acceptable", "supported: application/json, application/edn, application/transit+json");
        }
        List<Object> args = arguments(ctx);
        GroupingPolicy policy = policy(ctx, (Route) ctx.attribute(ROUTE));
        Serializer writer = serializers.get(out);
        CompletableFuture<Void> done = catalog.hasNamespace(ns).toCompletableFuture()
            .thenCompose(hasNs -> {
                if (!hasNs) {
                    throw new GatewayException(404, "not-found", "unknown namespace " + ns);
                }
                return catalog.hasFunction(ns, fn);
            })
            .thenCompose(hasFn -> {
                if (!hasFn) {
                    throw new GatewayException(404, "not-found", "unknown function " + ns + "/" + fn);
                }
                return cluster.callAsync(ns, fn, args, policy.options());
            })
            .thenAccept(result -> ctx.respond(200, Formats.mediaType(out), writer.serialize(result)));
        ctx.await(done);
    }

    private List<Object> arguments(RequestContext ctx) {
        Object decoded;
        try {
            switch (ctx.method()) {
                case "POST", "PUT" -> {
                    ContentType in = Formats.ofBody(ctx.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE));
                    if (in == null) {
                        throw new GatewayException(415, "unsupported-media-type",
                            "arguments as application/json, application/edn or application/transit+json");
                    }
                    decoded = ctx.body().length == 0 ? List.of() : serializers.get(in).deserialize(ctx.body());
                }
                case "GET" -> {
                    String a = ctx.queryParam("args");
                    decoded = a == null || a.isBlank() ? List.of()
                        : serializers.get(ContentType.JSON).deserialize(a.getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new GatewayException(405, "method-not-allowed", "use POST (or GET with ?args=)");
            }
        } catch (SerializationException e) {
            throw new GatewayException(400, "bad-arguments", "cannot read the arguments: " + e.getMessage());
        }
        if (!(decoded instanceof Collection<?> c) || decoded instanceof java.util.Set) {
            throw new GatewayException(400, "bad-arguments", "the arguments must be an array, e.g. [1, 2]");
        }
        return new ArrayList<>(c);
    }

    private static GroupingPolicy policy(RequestContext ctx, Route route) {
        String grouping = ctx.queryParam("grouping") != null ? ctx.queryParam("grouping") : route.grouping();
        String results = ctx.queryParam("results") != null ? ctx.queryParam("results") : route.results();
        GroupingPolicy p = GroupingPolicy.defaults();
        try {
            if (grouping != null) {
                p = p.withSelector(Grouping.valueOf(constant(grouping)));
            }
            if (results != null) {
                p = p.withMerger(GroupingResults.valueOf(constant(results)));
            } else if (p.selector() == Grouping.ALL) {
                p = p.withMerger(GroupingResults.VECTOR);
            }
        } catch (IllegalArgumentException e) {
            throw new GatewayException(400, "bad-request", "unknown grouping/results: " + grouping + "/" + results);
        }
        return p;
    }

    private static String constant(String s) {
        return s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
