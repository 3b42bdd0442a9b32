package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayException;
import io.slacker.gateway.RequestContext;

/**
 * Pre 300: when the config asks for {@code auth}, a request needs a known API key, as
 * {@code X-API-Key: K} or {@code Authorization: Bearer K}; else 401.
 */
final class AuthFilter extends BaseFilter {
    static final String HEADER = "X-API-Key";

    AuthFilter() {
        super(FilterType.PRE, 300);
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return ctx.config().auth() && !ctx.hasResponse();
    }

    @Override
    public void run(RequestContext ctx) {
        String key = ctx.requestHeaders().get(HEADER);
        String authz = ctx.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (key == null && authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authz.substring(7).trim();
        }
        if (key == null || key.isEmpty()) {
            ctx.responseHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            throw new GatewayException(401, "unauthorized", "an API key is required (X-API-Key or Authorization: Bearer)");
        }
        if (!ctx.config().keys().containsKey(key)) {
            ctx.responseHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            throw new GatewayException(401, "unauthorized", "unknown API key");
        }
        ctx.attribute(API_KEY, key);
    }
}
