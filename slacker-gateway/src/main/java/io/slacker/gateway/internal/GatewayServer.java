package io.slacker.gateway.internal;

import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.ZooKeeperSettings;
import io.slacker.gateway.GatewayConfig;
import io.slacker.gateway.GatewayExtension;
import io.slacker.gateway.GatewayFilter;
import io.slacker.gateway.GatewayObserver;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;

/** A running gateway: ZooKeeper session, cluster client, configuration source, filter chain, HTTP server. */
public final class GatewayServer implements GatewayRuntime, AutoCloseable {

    /** Everything the builder collected. */
    public record Settings(String host, int port, String prefix, ZooKeeperSettings zk, GatewayConfig staticConfig, List<GatewayFilter> filters,
                           List<GatewayObserver> observers, List<GatewayExtension> extensions, boolean serviceLoader,
                           int maxBody, int maxInitialLine, int maxHeaderSize, Duration callTimeout, int failover,
                           int ioThreads, Duration shutdownTimeout) {
    }

    private final Settings settings;
    private final ZooKeeperSettings.Connection zk;
    private final CuratorFramework curator;
    private final ClusterClient cluster;
    private final ConfigSource config;
    private final FunctionCatalog catalog;
    private final Extensions extensions;
    private final FilterChain chain;
    private final HttpServer http;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean closed;

    /** Starts a gateway with these settings; fails when ZooKeeper or the port is unavailable. */
    public GatewayServer(Settings s) {
        this.settings = s;
        this.zk = s.zk().connect();
        this.curator = zk.curator();
        String root = s.zk().root();
        String clusterName = s.zk().cluster();
        String base = ZkLayout.clusterPath(root, clusterName);
        ClusterClient cc = null;
        ConfigSource cs = null;
        FunctionCatalog fc = null;
        Extensions ex = null;
        try {
            cc = ClusterClient.builder().zookeeper(s.zk().withCurator(curator))
                .client(SlackerClient.builder().timeout(s.callTimeout()))
                .failover(s.failover()).build();
            cs = s.staticConfig() != null ? ConfigSource.fixed(s.staticConfig()) : ConfigSource.zookeeper(curator, base + "/gateway");
            fc = new FunctionCatalog(curator, base + "/functions");
            this.cluster = cc;
            this.config = cs;
            this.catalog = fc;
            ex = new Extensions(s.extensions(), s.observers(), curator, root, clusterName);
            this.extensions = ex;
            this.chain = new FilterChain(filters(s));
            this.http = new HttpServer(s, this);
        } catch (RuntimeException e) {
            closeQuietly(ex, fc, cs, cc, zk);
            throw e;
        }
    }

    private List<GatewayFilter> filters(Settings s) {
        HttpClient httpClient = HttpClient.newBuilder().connectTimeout(s.callTimeout()).followRedirects(HttpClient.Redirect.NEVER)
            .build();
        List<GatewayFilter> fs = new ArrayList<>(List.of(
            new OpsFilter(() -> curator.getZookeeperClient().isConnected() && !closing, this::config, () -> chain),
            new CorsFilter(), new RequestIdFilter(), new AuthFilter(), new RateLimitFilter(),
            new ServiceDetectionFilter(s.prefix()), new StaticRouteFilter(),
            new SlackerRouteFilter(cluster, catalog), new HttpForwardFilter(httpClient, s.callTimeout()),
            new ResponseHeadersFilter(), new ErrorRenderFilter()));
        fs.addAll(s.filters());
        fs.addAll(extensions.filters());
        if (s.serviceLoader()) {
            ServiceLoader.load(GatewayFilter.class).forEach(fs::add);
        }
        return fs;
    }

    /** The bound HTTP port. */
    public int port() {
        return http.port();
    }

    @Override
    public FilterChain chain() {
        return chain;
    }

    @Override
    public GatewayConfig config() {
        return config.current();
    }

    @Override
    public boolean closing() {
        return closing;
    }

    @Override
    public long requestTimeoutMillis() {
        // past the call timeout with room for the filters; reached only by a filter that never completes
        return settings.callTimeout().multipliedBy(2).plusSeconds(1).toMillis();
    }

    @Override
    public void begin() {
        inFlight.incrementAndGet();
    }

    @Override
    public void end(DefaultRequestContext ctx, int status, long startNanos) {
        inFlight.decrementAndGet();
        extensions.answered(ctx, status, System.nanoTime() - startNanos);
    }

    /** Requests in the chain now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Graceful stop: no new connections, new requests answered 503, requests in the chain finish
     * (up to the shutdown timeout), then connections, cluster client and ZooKeeper are closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        http.unbind();
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.shutdown();
        closeQuietly(extensions, catalog, config, cluster, zk);
    }

    private static void closeQuietly(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
        }
    }
}
