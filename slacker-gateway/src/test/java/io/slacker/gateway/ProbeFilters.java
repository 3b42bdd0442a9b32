package io.slacker.gateway;

import java.util.ArrayList;
import java.util.List;

/** Test filters that record the order they ran in (attribute "trace"), driven by request headers. */
final class ProbeFilters {
    private ProbeFilters() {
    }

    static void trace(RequestContext ctx, String step) {
        List<String> t = traceOf(ctx);
        if (t == null) {
            t = new ArrayList<>();
            ctx.attribute("trace", t);
        }
        t.add(step);
    }

    @SuppressWarnings("unchecked")
    static List<String> traceOf(RequestContext ctx) {
        return (List<String>) ctx.attribute("trace");
    }

    static List<GatewayFilter> all() {
        return List.of(
            probe("pre", 50, "pre50"),
            new GatewayFilter() {
                @Override
                public String type() {
                    return FilterType.PRE;
                }

                @Override
                public int order() {
                    return 550;
                }

                @Override
                public boolean shouldFilter(RequestContext ctx) {
                    return ctx.requestHeaders().contains("X-Probe");
                }

                @Override
                public void run(RequestContext ctx) {
                    trace(ctx, "pre550:" + ctx.targetService());
                    ctx.await(ctx.runFilters("audit"));
                }
            },
            probe("audit", 1, "audit"),
            new GatewayFilter() {
                @Override
                public String type() {
                    return FilterType.ROUTE;
                }

                @Override
                public int order() {
                    return 1005;
                }

                @Override
                public boolean shouldFilter(RequestContext ctx) {
                    return ctx.requestHeaders().contains("X-Probe");
                }

                @Override
                public void run(RequestContext ctx) {
                    trace(ctx, "route1005:" + ctx.responseStatus());
                }
            },
            new GatewayFilter() {
                @Override
                public String type() {
                    return FilterType.POST;
                }

                @Override
                public int order() {
                    return 900;
                }

                @Override
                public boolean shouldFilter(RequestContext ctx) {
                    return ctx.attribute("trace") != null;
                }

                @Override
                public void run(RequestContext ctx) {
                    ctx.responseHeaders().set("X-Trace", String.join(",", traceOf(ctx)));
                }
            },
            new GatewayFilter() {
                @Override
                public String type() {
                    return FilterType.PRE;
                }

                @Override
                public int order() {
                    return 700;
                }

                @Override
                public boolean shouldFilter(RequestContext ctx) {
                    return ctx.requestHeaders().contains("X-Fail");
                }

                @Override
                public void run(RequestContext ctx) {
                    throw new GatewayException(418, "teapot", "asked to fail");
                }
            },
            new GatewayFilter() {
                @Override
                public String type() {
                    return FilterType.ERROR;
                }

                @Override
                public int order() {
                    return 10;
                }

                @Override
                public void run(RequestContext ctx) {
                    ctx.responseHeaders().set("X-Error-Seen", ctx.error().getClass().getSimpleName());
                }
            },
            new GatewayFilter() {
                @Override
                public String type() {
                    return FilterType.PRE;
                }

                @Override
                public int order() {
                    return 1;
                }

                @Override
                public boolean shouldFilter(RequestContext ctx) {
                    return false;
                }

                @Override
                public void run(RequestContext ctx) {
                    throw new AssertionError("a filter whose criterion is false must not run");
                }
            });
    }

    private static GatewayFilter probe(String type, int order, String step) {
        return new GatewayFilter() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public boolean shouldFilter(RequestContext ctx) {
                return ctx.requestHeaders().contains("X-Probe");
            }

            @Override
            public void run(RequestContext ctx) {
                trace(ctx, step);
            }
        };
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
