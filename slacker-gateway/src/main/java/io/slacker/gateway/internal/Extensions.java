package io.slacker.gateway.internal;

import io.slacker.gateway.GatewayConfig;
import io.slacker.gateway.GatewayExtension;
import io.slacker.gateway.GatewayFilter;
import io.slacker.gateway.GatewayObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The installed extensions of a gateway: the filters they added, its observers, what to close at stop. */
final class Extensions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Extensions.class);

    private final List<GatewayFilter> filters = new ArrayList<>();
    private final List<GatewayObserver> observers = new ArrayList<>();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    /** Installs {@code extensions} in order; on a failure closes what the earlier ones opened and throws. */
    Extensions(List<GatewayExtension> extensions, List<GatewayObserver> observers, CuratorFramework curator, String root,
               String cluster) {
        this.observers.addAll(observers);
        GatewayExtension.Setup setup = new GatewayExtension.Setup() {
            @Override
            public CuratorFramework curator() {
                return curator;
            }

            @Override
            public String root() {
                return root;
            }

            @Override
            public String cluster() {
                return cluster;
            }

            @Override
            public void filter(GatewayFilter filter) {
                filters.add(Objects.requireNonNull(filter, "filter"));
            }

            @Override
            public void observer(GatewayObserver observer) {
                Extensions.this.observers.add(Objects.requireNonNull(observer, "observer"));
            }
        };
        for (GatewayExtension e : extensions) {
            try {
                AutoCloseable c = e.install(setup);
                if (c != null) {
                    toClose.push(c);
                }
            } catch (Exception ex) {
                close();
                throw new IllegalStateException("gateway extension " + e + " failed to start: " + ex.getMessage(), ex);
            }
        }
    }

    /** The filters the extensions added. */
    List<GatewayFilter> filters() {
        return filters;
    }

    /** Tells every observer of an answered request ({@code ctx} null when the chain did not finish). */
    void answered(DefaultRequestContext ctx, int status, long nanos) {
        if (observers.isEmpty()) {
            return;
        }
        String route = routeLabel(ctx);
        for (GatewayObserver o : observers) {
            try {
                o.onResponse(route, status, nanos);
            } catch (RuntimeException e) {
                LOG.warn("gateway observer failed", e);
            }
        }
    }

    /** A bounded label: a configured route's name, the default route, the ops endpoints or none. */
    static String routeLabel(DefaultRequestContext ctx) {
        if (ctx == null) {
            return GatewayObserver.NO_ROUTE;
        }
        if (ctx.path().startsWith("/_gateway/") || ctx.path().equals("/metrics")) {
            return GatewayObserver.OPS;
        }
        if (ctx.attribute(BaseFilter.ROUTE) instanceof GatewayConfig.Route r) {
            for (GatewayConfig.Route configured : ctx.config().routes()) {
                if (configured == r) {
                    return r.name();
                }
            }
            return GatewayObserver.DEFAULT_ROUTE;
        }
        return GatewayObserver.NO_ROUTE;
    }

    /** Closes what the extensions opened, last installed first. */
    @Override
    public void close() {
        AutoCloseable c;
        while ((c = toClose.poll()) != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing a gateway extension failed", e);
            }
        }
    }
}
