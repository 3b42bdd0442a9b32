package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.RequestContext;
import java.util.List;

/** Pre 100: CORS for the configured origins; answers preflight requests itself. */
final class CorsFilter extends BaseFilter {
    CorsFilter() {
        super(FilterType.PRE, 100);
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return !ctx.config().corsOrigins().isEmpty() && ctx.requestHeaders().contains(HttpHeaderNames.ORIGIN);
    }

    @Override
    public void run(RequestContext ctx) {
        String origin = ctx.requestHeaders().get(HttpHeaderNames.ORIGIN);
        List<String> allowed = ctx.config().corsOrigins();
        boolean ok = allowed.contains("*") || allowed.contains(origin);
        boolean preflight = ctx.method().equals("OPTIONS")
            && ctx.requestHeaders().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!ok) {
            if (preflight) {
                ctx.respond(403, Json.TYPE, Json.error("forbidden", "origin not allowed: " + origin, null));
            }
            return;
        }
        ctx.responseHeaders().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowed.contains("*") ? "*" : origin);
        ctx.responseHeaders().add(HttpHeaderNames.VARY, "Origin");
        if (preflight) {
            ctx.responseHeaders().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
            String reqHeaders = ctx.requestHeaders().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
            ctx.responseHeaders().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                reqHeaders != null ? reqHeaders : "Content-Type, Authorization, X-API-Key");
            ctx.responseHeaders().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            ctx.respond(204, null, null);
        }
    }
}
