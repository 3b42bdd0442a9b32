package io.slacker.cluster;

import io.netty.channel.EventLoopGroup;
import io.slacker.CallOptions;
import io.slacker.ConnectionBrokenException;
import io.slacker.ContentType;
import io.slacker.SlackerCaller;
import io.slacker.SlackerClient;
import io.slacker.UnavailableException;
import io.slacker.cluster.internal.dispatch.Dispatcher;
import io.slacker.cluster.internal.membership.Observers;
import io.slacker.cluster.internal.membership.Membership;
import io.slacker.cluster.internal.zk.RegistryReader;
import io.slacker.cluster.internal.zk.ServerDataWatch;
import io.slacker.cluster.internal.zk.ZkPaths;
import io.slacker.internal.Transport;
import io.slacker.internal.client.RemoteProxy;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a slacker cluster: finds the servers of each namespace in ZooKeeper (the layout of
 * {@link ClusterServer} and of the Clojure slacker-cluster), keeps one connection per server and
 * spreads calls over them by a {@link GroupingPolicy}. It is a {@link SlackerCaller}, like a
 * {@link SlackerClient}: the same calls, proxies and inspect, whether one server answers or many.
 *
 * <pre>{@code
 * try (ClusterClient cluster = ClusterClient.builder()
 *         .zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *         .client(SlackerClient.builder().timeout(Duration.ofSeconds(5)))   // settings of every server's client
 *         .grouping(Grouping.RANDOM).build()) {
 *     ExampleApi api = cluster.proxy(ExampleApi.class);
 *     api.timestamp();
 *     cluster.call("slacker.example.api", "echo", List.of(42));
 *     cluster.call("slacker.example.api", "timestamp", List.of(),
 *         GroupingPolicy.defaults().withSelector(Grouping.ALL).withMerger(GroupingResults.VECTOR).options());
 * }
 * }</pre>
 *
 * <p>The first call on a namespace reads its servers and watches them (a Curator cache); later
 * calls use the cached view without touching ZooKeeper. Servers that appear are connected,
 * servers that leave stop receiving calls at once and are disconnected once their calls are
 * answered. A server whose connection broke is avoided for a short, growing backoff while others
 * are available. The leader comes first in a namespace's server list; an address left in
 * {@code _leader} by a dead server is ignored. With no server, a call fails with
 * {@link UnavailableException} or returns the configured {@linkplain Builder#unavailableValue
 * unavailable value}.
 *
 * <p>The grouping policy of a call is its options' ({@link GroupingPolicy#KEY}), else the one of
 * the proxy method's {@link Grouped}, else the client's. Inspect ({@link #functions}, {@link #meta})
 * is answered from ZooKeeper's {@code functions/}.
 */
public final class ClusterClient implements SlackerCaller {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

    private final CuratorFramework curator;
    private final boolean ownsCurator;
    private final String cluster;
    private final GroupingPolicy defaults;
    private final boolean hasUnavailableValue;
    private final Object unavailableValue;
    private final Duration discoveryTimeout;
    private final EventLoopGroup group;
    private final Membership membership;
    private final Dispatcher dispatcher;
    private final RegistryReader registry;
    private final ServerDataWatch serverData;
    private final List<ServerDataListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ClusterClient(Builder b, CuratorFramework curator, boolean ownsCurator) {
        this.curator = curator;
        this.ownsCurator = ownsCurator;
        ZkPaths paths = new ZkPaths(b.zk.root(), b.zk.cluster());
        this.cluster = b.zk.cluster();
        this.defaults = b.policy;
        this.hasUnavailableValue = b.hasUnavailableValue;
        this.unavailableValue = b.unavailableValue;
        this.discoveryTimeout = b.discoveryTimeout;
        this.group = Transport.group(b.ioThreads, "slacker-cluster-io");
        SlackerClient.Builder template = (b.template != null ? b.template : SlackerClient.builder()).copy();
        ClusterObserver observer = new Observers(b.observers);
        this.membership = new Membership(curator, paths, address -> template.copy().address(address).eventLoopGroup(group).build(),
            observer);
        Serializer edn = Serializers.defaults().get(ContentType.CLJ);
        this.registry = new RegistryReader(curator, paths, edn::deserialize);
        this.serverData = new ServerDataWatch(curator, paths, edn::deserialize, (addr, data, removed) -> {
            for (ServerDataListener l : listeners) {
                try {
                    l.changed(addr, data, removed);
                } catch (RuntimeException e) {
                    LOG.warn("server data listener failed", e);
                }
            }
        });
        this.dispatcher = new Dispatcher(membership, serverData::get, observer);
        serverData.start();
        awaitInitialLoad(b.zk.connectTimeout());
    }

    /** Lets reads right after {@link Builder#build()} see what ZooKeeper holds. */
    private void awaitInitialLoad(Duration timeout) {
        try {
            serverData.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("server data of cluster {} not loaded within {}; reads start empty", cluster, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("loading the server data of cluster {} failed", cluster, e.getCause());
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The grouping policy of calls that do not carry one. */
    public GroupingPolicy policy() {
        return defaults;
    }

    /**
     * {@inheritDoc} The future fails with {@link UnavailableException} when no server offers the
     * namespace (unless an {@linkplain Builder#unavailableValue unavailable value} is set), and with
     * {@link GroupedCallException} when a multi-server call failed by its {@link FailWhen} rule.
     */
    @Override
    public CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options) {
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(fn, "fn");
        List<?> a = args == null ? List.of() : args;
        CallOptions o = options == null ? CallOptions.defaults() : options;
        GroupingPolicy p = GroupingPolicy.of(o, defaults);
        if (closed) {
            return CompletableFuture.failedFuture(new ConnectionBrokenException("cluster client for " + cluster + " closed"));
        }
        return membership.view(ns, discoveryTimeout.toMillis())
            .thenCompose(view -> dispatcher.dispatch(ns, fn, a, o, p, view, why -> unavailable(ns, fn, why)));
    }

    /**
     * {@inheritDoc} Each method's calls use {@code options}' grouping policy (else the client's),
     * refined by the method's (or its interface's) {@link Grouped}.
     */
    @Override
    public <T> T proxy(Class<T> iface, CallOptions options) {
        CallOptions o = options == null ? CallOptions.defaults() : options;
        GroupingPolicy base = GroupingPolicy.of(o, defaults);
        return RemoteProxy.create(this, iface, m -> o.with(GroupingPolicy.KEY, base.forMethod(m)));
    }

    private CompletableFuture<Object> unavailable(String ns, String fn, String why) {
        if (hasUnavailableValue) {
            return CompletableFuture.completedFuture(unavailableValue);
        }
        return CompletableFuture.failedFuture(new UnavailableException(ns + "/" + fn + " unavailable in cluster "
            + cluster + ": " + why));
    }

    /** The live servers of a namespace, leader first (starts watching it; may wait for the first read). */
    public List<String> servers(String ns) {
        return membership.view(ns, discoveryTimeout.toMillis()).join().servers();
    }

    /** The live leader of a namespace, or {@code null}. */
    public String leader(String ns) {
        return membership.view(ns, discoveryTimeout.toMillis()).join().leader();
    }

    /** The servers this client holds a connection to. */
    public Set<String> connectedServers() {
        return membership.connected();
    }

    /** The decoded data of every server in {@code servers/}. */
    public Map<String, Object> serverData() {
        return serverData.all();
    }

    /** A server's decoded data, or {@code null}. */
    public Object serverData(String address) {
        return serverData.get(address);
    }

    /** Adds a listener told of every server data change (and of servers leaving). */
    public void addServerDataListener(ServerDataListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Removes a listener. */
    public void removeServerDataListener(ServerDataListener listener) {
        listeners.remove(listener);
    }

    /**
     * {@inheritDoc} Read from ZooKeeper's {@code functions/}: {@code ns} is a namespace (exactly,
     * unlike a single server's prefix match); the names come sorted.
     */
    @Override
    public List<String> functions(String ns) {
        return registry.functions(ns);
    }

    /** {@inheritDoc} The metadata published in ZooKeeper. */
    @Override
    public Map<?, ?> meta(String fullName) {
        return registry.meta(fullName);
    }

    /** Stops watching and closes every connection (failing calls in flight). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        membership.close();
        serverData.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (ownsCurator) {
            curator.close();
        }
    }

    @Override
    public String toString() {
        return "ClusterClient[" + cluster + "]";
    }

    /** Configures a {@link ClusterClient}. */
    public static final class Builder {
        private ZooKeeperSettings zk = ZooKeeperSettings.defaults();
        private GroupingPolicy policy = GroupingPolicy.defaults();
        private boolean hasUnavailableValue;
        private Object unavailableValue;
        private SlackerClient.Builder template;
        private Duration discoveryTimeout = Duration.ofSeconds(10);
        private int ioThreads;
        private final List<ClusterObserver> observers = new ArrayList<>();

        private Builder() {
        }

        /**
         * Every ZooKeeper setting at once (connect string or Curator client, root, cluster,
         * timeouts); the other ZooKeeper methods of this builder change the same settings.
         */
        public Builder zookeeper(ZooKeeperSettings settings) {
            this.zk = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The ZooKeeper connect string. */
        public Builder zookeeper(String connectString) {
            zk = zk.withConnectString(connectString);
            return this;
        }

        /** A started Curator client to use instead (not closed by the cluster client). */
        public Builder curator(CuratorFramework client) {
            zk = zk.withCurator(client);
            return this;
        }

        /** The registry root (default {@code /slacker/cluster}). */
        public Builder root(String root) {
            zk = zk.withRoot(root);
            return this;
        }

        /** The cluster name (required). */
        public Builder cluster(String name) {
            zk = zk.withCluster(name);
            return this;
        }

        /** The default grouping policy, as a whole (default {@link GroupingPolicy#defaults()}). */
        public Builder policy(GroupingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The default server choice: a {@link Grouping} (default RANDOM) or a selector of your own. */
        public Builder grouping(ServerSelector selector) {
            policy = policy.withSelector(selector);
            return this;
        }

        /** The default combination of answers: a {@link GroupingResults} (default SINGLE) or a merger of your own. */
        public Builder groupingResults(ResultMerger merger) {
            policy = policy.withMerger(merger);
            return this;
        }

        /** The default failure rule of multi-server calls (default ALL). */
        public Builder failWhen(FailWhen failWhen) {
            policy = policy.withFailWhen(failWhen);
            return this;
        }

        /** Failover retries for calls that could not reach their server (default 0); see {@link GroupingPolicy#withFailover}. */
        public Builder failover(int retries) {
            policy = policy.withFailover(retries);
            return this;
        }

        /** The value a call returns when no server offers its namespace (default: throw {@link UnavailableException}). */
        public Builder unavailableValue(Object value) {
            this.hasUnavailableValue = true;
            this.unavailableValue = value;
            return this;
        }

        /**
         * The template of every server's {@link SlackerClient}: content type, timeout, interceptors,
         * TLS, serializers... (copied now; the address and the I/O threads are the cluster client's).
         * Default: {@link SlackerClient#builder()}'s defaults.
         */
        public Builder client(SlackerClient.Builder template) {
            this.template = template.copy();
            return this;
        }

        /** The ZooKeeper session timeout (default 10 s). */
        public Builder sessionTimeout(Duration timeout) {
            zk = zk.withSessionTimeout(timeout);
            return this;
        }

        /** How long {@link #build()} waits for ZooKeeper (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            zk = zk.withConnectTimeout(timeout);
            return this;
        }

        /** How long a namespace's first call waits for its server list (default 10 s). */
        public Builder discoveryTimeout(Duration timeout) {
            this.discoveryTimeout = timeout;
            return this;
        }

        /** Adds an observer of failovers and of leader and server list changes (see {@link ClusterObserver}). */
        public Builder observer(ClusterObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** I/O threads shared by all server connections (default: Netty's). */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }


        /**
         * Connects to ZooKeeper and starts watching {@code servers/}.
         *
         * @throws IllegalStateException when ZooKeeper cannot be reached in time
         */
        public ClusterClient build() {
            ZooKeeperSettings.Connection zkc = zk.connect();
            try {
                return new ClusterClient(this, zkc.curator(), zkc.owned());
            } catch (RuntimeException e) {
                zkc.close();
                throw e;
            }
        }
    }
}
