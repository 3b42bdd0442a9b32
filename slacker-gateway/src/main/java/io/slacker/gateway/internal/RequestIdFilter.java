package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.RequestContext;
import java.util.UUID;

/**
 * Pre 200: request id (keeps a client's {@code X-Request-Id} or makes one, echoed on the response)
 * and preserve host ({@code X-Forwarded-Host}, {@code -For}, {@code -Proto} for HTTP origins).
 */
final class RequestIdFilter extends BaseFilter {
    static final String HEADER = "X-Request-Id";

    RequestIdFilter() {
        super(FilterType.PRE, 200);
    }

    @Override
    public void run(RequestContext ctx) {
        String id = ctx.requestHeaders().get(HEADER);
        if (id == null || id.isBlank() || id.length() > 200) {
            id = UUID.randomUUID().toString();
            ctx.requestHeaders().set(HEADER, id);
        }
        ctx.attribute(REQUEST_ID, id);
        ctx.responseHeaders().set(HEADER, id);
        String host = ctx.requestHeaders().get(HttpHeaderNames.HOST);
        if (host != null && !ctx.requestHeaders().contains("X-Forwarded-Host")) {
            ctx.requestHeaders().set("X-Forwarded-Host", host);
        }
        String client = ctx.remoteAddress();
        int colon = client.lastIndexOf(':');
        String ip = colon > 0 ? client.substring(0, colon) : client;
        String prior = ctx.requestHeaders().get("X-Forwarded-For");
        ctx.requestHeaders().set("X-Forwarded-For", prior == null ? ip : prior + ", " + ip);
        if (!ctx.requestHeaders().contains("X-Forwarded-Proto")) {
            ctx.requestHeaders().set("X-Forwarded-Proto", "http");
        }
    }
}
