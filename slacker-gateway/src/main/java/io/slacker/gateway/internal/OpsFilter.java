package io.slacker.gateway.internal;

import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayConfig;
import io.slacker.gateway.GatewayFilter;
import io.slacker.gateway.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Pre 10: {@code /_gateway/health} (200 only while ZooKeeper is connected) and {@code /_gateway/routes}. */
final class OpsFilter extends BaseFilter {
    private final BooleanSupplier ready;
    private final Supplier<GatewayConfig> config;
    private final Supplier<FilterChain> chain;

    OpsFilter(BooleanSupplier ready, Supplier<GatewayConfig> config, Supplier<FilterChain> chain) {
        super(FilterType.PRE, 10);
        this.ready = ready;
        this.config = config;
        this.chain = chain;
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return !ctx.hasResponse() && ctx.path().startsWith("/_gateway/");
    }

    @Override
    public void run(RequestContext ctx) {
        switch (ctx.path()) {
            case "/_gateway/health" -> {
                boolean up = ready.getAsBoolean();
                ctx.respond(up ? 200 : 503, Json.TYPE, Json.bytes(Map.of("status", up ? "UP" : "DOWN", "zookeeper",
                    up ? "connected" : "disconnected")));
            }
            case "/_gateway/routes" -> ctx.respond(200, Json.TYPE, Json.bytes(routes()));
            default -> ctx.respond(404, Json.TYPE, Json.error("not-found", "unknown gateway endpoint " + ctx.path(), null));
        }
    }

    private Map<String, Object> routes() {
        List<Object> rs = new ArrayList<>();
        for (GatewayConfig.Route r : config.get().routes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("path", r.path());
            m.put("type", r.type());
            m.put("namespace", r.namespace());
            m.put("url", r.url());
            m.put("location", r.location());
            m.put("grouping", r.grouping());
            m.put("results", r.results());
            rs.add(m);
        }
        List<Object> fs = new ArrayList<>();
        for (GatewayFilter f : chain.get().filters()) {
            fs.add(Map.of("type", f.type(), "order", f.order(), "name", f.name()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("routes", rs);
        out.put("filters", fs);
        return out;
    }
}
