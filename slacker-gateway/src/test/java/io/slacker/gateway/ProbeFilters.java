package io.slacker.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test filters that record the order they ran in (attribute "trace"), driven by request headers. */
final class ProbeFilters {
    private static final Predicate<RequestContext> PROBED = ctx -> ctx.requestHeaders().contains("X-Probe");

    private ProbeFilters() {
    }

    @SuppressWarnings("unchecked")
    static List<String> traceOf(RequestContext ctx) {
        return (List<String>) ctx.attribute("trace");
    }

    static void trace(RequestContext ctx, String step) {
        List<String> t = traceOf(ctx);
        if (t == null) {
            t = new ArrayList<>();
            ctx.attribute("trace", t);
        }
        t.add(step);
    }

    static List<GatewayFilter> all() {
        return List.of(
            GatewayFilter.of(FilterType.PRE, 50, PROBED, ctx -> trace(ctx, "pre50")),
            GatewayFilter.of(FilterType.PRE, 550, PROBED, ctx -> {
                trace(ctx, "pre550:" + ctx.targetService());
                ctx.await(ctx.runFilters("audit"));
            }),
            GatewayFilter.of("audit", 1, PROBED, ctx -> trace(ctx, "audit")),
            GatewayFilter.of(FilterType.ROUTE, 1005, PROBED, ctx -> trace(ctx, "route1005:" + ctx.responseStatus())),
            GatewayFilter.of(FilterType.POST, 900, ctx -> traceOf(ctx) != null,
                ctx -> ctx.responseHeaders().set("X-Trace", String.join(",", traceOf(ctx)))),
            GatewayFilter.of(FilterType.PRE, 700, ctx -> ctx.requestHeaders().contains("X-Fail"), ctx -> {
                throw new GatewayException(418, "teapot", "asked to fail");
            }),
            GatewayFilter.of(FilterType.ERROR, 10, ctx -> true,
                ctx -> ctx.responseHeaders().set("X-Error-Seen", ctx.error().getClass().getSimpleName())),
            GatewayFilter.of(FilterType.PRE, 1, ctx -> false, ctx -> {
                throw new AssertionError("a filter whose criterion is false must not run");
            }));
    }

    /** Registered through META-INF/services: marks every response. */
    public static final class SpiFilter implements GatewayFilter {
        @Override
        public String type() {
            return FilterType.POST;
        }

        @Override
        public int order() {
            return 950;
        }

        @Override
        public void run(RequestContext ctx) {
            ctx.responseHeaders().set("X-Spi", "yes");
        }
    }
}
