package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.ConnectionBrokenException;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.ThreadPoolFullException;
import io.slacker.CallTimeoutException;
import io.slacker.UnavailableException;
import io.slacker.cluster.GroupedCallException;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayException;
import io.slacker.gateway.RequestContext;
import io.slacker.spi.SerializationException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.zookeeper.KeeperException;

/**
 * Error 0: renders {@link RequestContext#error()} as JSON {@code {error, message, data}} with the
 * status of its kind: 400 bad arguments, 404 unknown function, 503 + Retry-After no server,
 * 504 timeout, 500 remote exception, 502 HTTP origin unreachable.
 */
final class ErrorRenderFilter extends BaseFilter {
    ErrorRenderFilter() {
        super(FilterType.ERROR, 0);
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return ctx.error() != null;
    }

    @Override
    public void run(RequestContext ctx) {
        GatewayException g = classify(ctx.error(), ctx.routeUri());
        if (g.status() == 503 || g.status() == 429) {
            if (!ctx.responseHeaders().contains(HttpHeaderNames.RETRY_AFTER)) {
                ctx.responseHeaders().set(HttpHeaderNames.RETRY_AFTER, "1");
            }
        }
        ctx.respond(g.status(), Json.TYPE, Json.error(g.code(), g.getMessage(), g.data()));
    }

    /** The HTTP view of a failure. */
    static GatewayException classify(Throwable e, String function) {
        Map<String, Object> fn = new LinkedHashMap<>();
        if (function != null) {
            fn.put("function", function);
        }
        if (e instanceof GatewayException g) {
            return g;
        }
        if (e instanceof NotFoundException) {
            return new GatewayException(404, "not-found", e.getMessage(), fn, e);
        }
        if (e instanceof UnavailableException || e instanceof ThreadPoolFullException || e instanceof ConnectionBrokenException
            || e instanceof KeeperException) {
            return new GatewayException(503, "unavailable", e.getMessage(), fn, e);
        }
        if (e instanceof CallTimeoutException || e instanceof HttpTimeoutException) {
            return new GatewayException(504, "timeout", e.getMessage(), fn, e);
        }
        if (e instanceof RemoteException) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("java.lang.IllegalArgumentException") || m.contains("ArityException")) {
                return new GatewayException(400, "bad-arguments", m, fn, e);
            }
            return new GatewayException(500, "remote-exception", m, fn, e);
        }
        if (e instanceof GroupedCallException gc) {
            Map<String, Object> failures = new LinkedHashMap<>();
            gc.failures().forEach((addr, t) -> failures.put(addr, String.valueOf(t.getMessage())));
            fn.put("failures", failures);
            return new GatewayException(500, "remote-exception", e.getMessage(), fn, e);
        }
        if (e instanceof SerializationException) {
            return new GatewayException(400, "bad-arguments", e.getMessage(), fn, e);
        }
        if (e instanceof IOException) {
            return new GatewayException(502, "bad-gateway", "origin unreachable: " + e, fn, e);
        }
        return new GatewayException(500, "internal", String.valueOf(e), null, e);
    }
}
