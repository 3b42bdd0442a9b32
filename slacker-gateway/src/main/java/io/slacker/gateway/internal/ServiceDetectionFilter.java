package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayConfig;
import io.slacker.gateway.GatewayConfig.Route;
import io.slacker.gateway.RequestContext;

/**
 * Pre 500: finds the target: a route named by the host ({@code <route>.<domain>}), else the
 * route with the longest matching path prefix, else the default slacker route
 * {@code <prefix>/<namespace>/<function>}. Sets the target service, the route URI and the
 * {@code gateway.route} attribute; skips when a target is already set.
 */
final class ServiceDetectionFilter extends BaseFilter {
    private final String prefix;

    ServiceDetectionFilter(String prefix) {
        super(FilterType.PRE, 500);
        this.prefix = normalise(prefix);
    }

    static String normalise(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.equals("/")) {
            return "";
        }
        String p = prefix.startsWith("/") ? prefix : "/" + prefix;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return ctx.targetService() == null && !ctx.hasResponse();
    }

    @Override
    public void run(RequestContext ctx) {
        GatewayConfig config = ctx.config();
        String path = ctx.path();
        Route byHost = byHost(ctx, config);
        if (byHost != null) {
            target(ctx, byHost, path);
            return;
        }
        for (Route r : config.routes()) {
            String p = r.path();
            if (p != null && (path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"))) {
                target(ctx, r, path.substring(p.length()));
                return;
            }
        }
        if (path.startsWith(prefix + "/")) {
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/', 1);
            if (slash > 1) {
                String ns = rest.substring(1, slash);
                ctx.attribute(ROUTE, new Route(ns, prefix, "slacker", null, null, 200, null, null, null, null, null));
                ctx.targetService(ns);
                ctx.routeUri(rest);
            }
        }
    }

    private static Route byHost(RequestContext ctx, GatewayConfig config) {
        String domain = config.domain();
        String host = ctx.requestHeaders().get(HttpHeaderNames.HOST);
        if (domain == null || host == null) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        String h = colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
        if (!h.endsWith("." + domain)) {
            return null;
        }
        String service = h.substring(0, h.length() - domain.length() - 1);
        for (Route r : config.routes()) {
            if (r.name().equals(service)) {
                return r;
            }
        }
        return null;
    }

    private static void target(RequestContext ctx, Route r, String rest) {
        ctx.attribute(ROUTE, r);
        ctx.targetService(r.name());
        switch (r.type()) {
            case "slacker" -> ctx.routeUri(r.namespace() != null ? "/" + r.namespace() + rest : rest);
            case "http" -> {
                String q = ctx.uri().indexOf('?') >= 0 ? ctx.uri().substring(ctx.uri().indexOf('?')) : "";
                String base = r.url().endsWith("/") && rest.startsWith("/") ? r.url().substring(0, r.url().length() - 1) : r.url();
                ctx.routeUri(base + rest + q);
            }
            default -> ctx.routeUri(null);
        }
    }
}
