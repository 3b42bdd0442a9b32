package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayConfig.Route;
import io.slacker.gateway.RequestContext;
import java.nio.charset.StandardCharsets;

/** Pre 600: answers {@code static} routes with their body and {@code redirect} routes with a Location. */
final class StaticRouteFilter extends BaseFilter {
    StaticRouteFilter() {
        super(FilterType.PRE, 600);
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return !ctx.hasResponse() && ctx.attribute(ROUTE) instanceof Route r
            && (r.type().equals("static") || r.type().equals("redirect"));
    }

    @Override
    public void run(RequestContext ctx) {
        Route r = (Route) ctx.attribute(ROUTE);
        if (r.type().equals("redirect")) {
            ctx.responseHeaders().set(HttpHeaderNames.LOCATION, r.location());
            ctx.respond(r.status(), null, null);
        } else {
            ctx.respond(r.status(), r.contentType(), r.body().getBytes(StandardCharsets.UTF_8));
        }
    }
}
