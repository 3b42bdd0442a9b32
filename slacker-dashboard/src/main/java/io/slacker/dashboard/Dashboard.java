package io.slacker.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slacker.cluster.ZooKeeperSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live web dashboard of one slacker cluster: a single page (served from this jar, no external
 * assets) showing namespaces with their servers (leader marked), server data, functions with
 * their docs, and per-server call rate, error rate and p99 latency for servers that publish
 * Prometheus metrics. It reads the cluster's ZooKeeper tree with watches and pushes every change
 * to open pages as server-sent events.
 *
 * <pre>{@code
 * try (Dashboard d = Dashboard.builder().zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *         .port(8090).start()) {
 *     // http://localhost:8090/
 * }
 * }</pre>
 *
 * <p>HTTP API: {@code GET /api/cluster} (the current state as JSON), {@code GET /api/events}
 * (the state again on every change, {@code text/event-stream}).
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder config;
    private final ZooKeeperSettings.Connection zk;
    private final CuratorFramework curator;
    private final ClusterTree tree;
    private final MetricsScraper scraper = new MetricsScraper();
    private final Map<String, ClusterSnapshot.CallFigures> figures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader =
        Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("slacker-dashboard-zk", true));
    private final ScheduledExecutorService scraping =
        Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("slacker-dashboard-metrics", true));
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final EventStream events = new EventStream();
    private final ChannelGroup connections = new DefaultChannelGroup("dashboard-http", GlobalEventExecutor.INSTANCE);
    private final EventLoopGroup group;
    private final Channel channel;
    private volatile ClusterSnapshot snapshot;
    private volatile String json;
    private volatile boolean closed;

    private Dashboard(Builder b) throws InterruptedException {
        this.config = b;
        // started at once, connecting in the background: the page shows the cluster as disconnected meanwhile
        this.zk = b.zk.connectInBackground();
        this.curator = zk.curator();
        Watcher watcher = event -> refreshSoon();
        this.tree = new ClusterTree(curator, b.zk.root(), b.zk.cluster(), watcher);
        this.snapshot = new ClusterSnapshot(b.zk.cluster(), b.zk.describe(), false, List.of(), List.of());
        this.json = toJson(snapshot);
        curator.getConnectionStateListenable().addListener((c, state) -> refreshSoon());
        if (b.http) {
            this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("slacker-dashboard-http", true),
                NioIoHandler.newFactory());
            this.channel = bind(b);
        } else {
            this.group = null;
            this.channel = null;
        }
        refreshSoon();
        long every = b.metricsInterval.toMillis();
        scraping.scheduleWithFixedDelay(this::scrape, every, every, TimeUnit.MILLISECONDS);
        reader.scheduleWithFixedDelay(events::heartbeat, 15, 15, TimeUnit.SECONDS);
        if (channel != null) {
            LOG.info("slacker dashboard for cluster {} on http://{}:{}/", b.zk.cluster(), b.host, port());
        }
    }

    private Channel bind(Builder b) throws InterruptedException {
        try {
            return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                            new DashboardHandler(Dashboard.this, events));
                    }
                }).bind(b.host, b.port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdown();
            throw e;
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP port (the actual one when 0 was asked). */
    public int port() {
        if (channel == null) {
            throw new IllegalStateException("this dashboard has no HTTP server of its own (served by a gateway)");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The current state as JSON (what {@code GET /api/cluster} answers). */
    public String stateJson() {
        return json;
    }

    private void refreshSoon() {
        if (!closed && refreshQueued.compareAndSet(false, true)) {
            try {
                reader.execute(this::refresh);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshQueued.set(false);
            }
        }
    }

    private void refresh() {
        refreshQueued.set(false);
        boolean connected = curator.getZookeeperClient().isConnected();
        ClusterSnapshot next;
        if (!connected) {
            next = new ClusterSnapshot(config.zk.cluster(), config.zk.describe(), false, snapshot.namespaces(), snapshot.servers());
        } else {
            try {
                ClusterTree.Read read = tree.read();
                List<ClusterSnapshot.ServerView> servers = new ArrayList<>();
                for (ClusterSnapshot.ServerView s : read.servers()) {
                    servers.add(new ClusterSnapshot.ServerView(s.address(), s.namespaces(), s.leaderOf(), s.data(),
                        s.metricsUrl(), s.metricsUrl() == null ? null : figures.get(s.metricsUrl())));
                }
                next = new ClusterSnapshot(config.zk.cluster(), config.zk.describe(), true, read.namespaces(), servers);
            } catch (Exception e) {
                LOG.debug("cannot read the cluster tree: {}", e.toString());
                reader.schedule(this::refreshSoon, 1, TimeUnit.SECONDS);
                return;
            }
        }
        publish(next);
    }

    private void publish(ClusterSnapshot next) {
        String text = toJson(next);
        snapshot = next;
        if (!text.equals(json)) {
            json = text;
            events.broadcast(text);
        }
    }

    private void scrape() {
        Set<String> urls = new HashSet<>();
        for (ClusterSnapshot.ServerView s : snapshot.servers()) {
            if (s.metricsUrl() != null) {
                urls.add(s.metricsUrl());
            }
        }
        for (String url : urls) {
            ClusterSnapshot.CallFigures f = scraper.figures(url);
            if (f == null) {
                figures.remove(url);
            } else {
                figures.put(url, f);
            }
        }
        figures.keySet().retainAll(urls);
        scraper.retain(urls);
        refreshSoon();
    }

    private static String toJson(ClusterSnapshot s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops serving and closes the ZooKeeper client if the dashboard created it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        shutdown();
    }

    private void shutdown() {
        events.closeAll();
        connections.close().awaitUninterruptibly(2000);
        reader.shutdownNow();
        scraping.shutdownNow();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        zk.close();
    }

    /** Configures and starts a {@link Dashboard}. */
    public static final class Builder {
        private ZooKeeperSettings zk = ZooKeeperSettings.defaults().withSessionTimeout(Duration.ofSeconds(30))
            .withConnectTimeout(Duration.ofSeconds(10));
        private String host = "0.0.0.0";
        private int port = 8090;
        private Duration metricsInterval = Duration.ofSeconds(2);
        private boolean http = true;

        private Builder() {
        }

        /**
         * Every ZooKeeper setting at once (connect string or Curator client, root, cluster,
         * timeouts; default session timeout 30 s); the other ZooKeeper methods change the same.
         */
        public Builder zookeeper(ZooKeeperSettings settings) {
            this.zk = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The ZooKeeper connect string (the dashboard makes and closes its own client). */
        public Builder zookeeper(String connectString) {
            this.zk = zk.withConnectString(connectString);
            return this;
        }

        /** A started Curator client to use instead (not closed by the dashboard). */
        public Builder curator(CuratorFramework curator) {
            this.zk = zk.withCurator(curator);
            return this;
        }

        /** The registry root (default {@code /slacker/cluster}). */
        public Builder root(String root) {
            this.zk = zk.withRoot(root);
            return this;
        }

        /** The cluster name. Required. */
        public Builder cluster(String name) {
            this.zk = zk.withCluster(name);
            return this;
        }

        /** The address to bind (default {@code 0.0.0.0}). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The HTTP port (default 8090; 0 picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How often servers' {@code /metrics} are read (default 2 s). */
        public Builder metricsInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive");
            }
            this.metricsInterval = interval;
            return this;
        }

        /** No HTTP server of its own: the state is served by someone else (a gateway). */
        Builder withoutHttp() {
            this.http = false;
            return this;
        }

        /** Connects, binds and starts serving. */
        public Dashboard start() {
            zk.validate();
            try {
                return new Dashboard(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
    }
}
