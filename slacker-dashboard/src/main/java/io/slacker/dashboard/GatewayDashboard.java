package io.slacker.dashboard;

import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayExtension;
import io.slacker.gateway.GatewayFilter;
import io.slacker.gateway.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The dashboard served by a gateway under {@value #PATH}/ (needs slacker-gateway on the class
 * path): the same page and {@code api/cluster} state as a standalone {@link Dashboard}, read through
 * the gateway's ZooKeeper session. The gateway has no event streams, so the page polls the state
 * (every {@linkplain #extension(Duration) poll interval}, default 2 s) instead.
 *
 * <pre>{@code
 * Gateway.builder().zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *     .extension(GatewayDashboard.extension()).start();   // http://host:8080/_gateway/dashboard/
 * }</pre>
 */
public final class GatewayDashboard {
    /** Where the page is served. */
    public static final String PATH = "/_gateway/dashboard";
    /** The pre-filter order (before the gateway's own endpoints, at 10, and before authentication). */
    public static final int FILTER_ORDER = 6;

    private GatewayDashboard() {
    }

    /** The extension, polling every 2 s. */
    public static GatewayExtension extension() {
        return extension(Duration.ofSeconds(2));
    }

    /** The extension; the page polls and servers' metrics are read every {@code interval}. */
    public static GatewayExtension extension(Duration interval) {
        return setup -> {
            Dashboard d = Dashboard.builder().curator(setup.curator()).root(setup.root()).cluster(setup.cluster())
                .metricsInterval(interval).withoutHttp().start();
            setup.filter(filter(d, interval));
            return d;
        };
    }

    private static GatewayFilter filter(Dashboard d, Duration interval) {
        byte[] index = new String(DashboardHandler.asset("/").body(), StandardCharsets.UTF_8)
            .replaceFirst("<html", "<html data-poll=\"" + interval.toMillis() + "\"").getBytes(StandardCharsets.UTF_8);
        return GatewayFilter.of(FilterType.PRE, FILTER_ORDER,
            ctx -> !ctx.hasResponse() && (ctx.path().equals(PATH) || ctx.path().startsWith(PATH + "/")),
            ctx -> serve(ctx, d, index));
    }

    private static void serve(RequestContext ctx, Dashboard d, byte[] index) {
        String rest = ctx.path().substring(PATH.length());
        ctx.responseHeaders().set("cache-control", "no-cache");
        if (!ctx.method().equals("GET")) {
            ctx.respond(405, "text/plain; charset=utf-8", bytes("GET only"));
        } else if (rest.isEmpty()) {
            // the page's relative URLs need the trailing slash
            ctx.responseHeaders().set("location", PATH + "/");
            ctx.respond(308, "text/plain; charset=utf-8", bytes(PATH + "/"));
        } else if (rest.equals("/") || rest.equals("/index.html")) {
            ctx.respond(200, "text/html; charset=utf-8", index);
        } else if (rest.equals("/api/cluster")) {
            ctx.respond(200, "application/json", bytes(d.stateJson()));
        } else {
            DashboardHandler.Asset a = DashboardHandler.asset(rest);
            if (a != null) {
                ctx.respond(200, a.contentType(), a.body());
            } else {
                ctx.respond(404, "text/plain; charset=utf-8", bytes("not found: " + ctx.path()));
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
