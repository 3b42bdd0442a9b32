package io.slacker.cluster;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.slacker.CallOptions;
import io.slacker.ConnectionBrokenException;
import io.slacker.ContentType;
import io.slacker.SlackerException;
import io.slacker.UnavailableException;
import io.slacker.client.SlackerClient;
import io.slacker.cluster.zk.NamespaceWatch;
import io.slacker.cluster.zk.ServerDataWatch;
import io.slacker.cluster.zk.Zk;
import io.slacker.cluster.zk.ZkPaths;
import io.slacker.serialization.Serializer;
import io.slacker.serialization.Serializers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a slacker cluster: finds the servers of each namespace in ZooKeeper (the layout of
 * {@link ClusterServer} and of the Clojure slacker-cluster), keeps one connection per server and
 * spreads calls over them by a {@link GroupingPolicy}.
 *
 * <pre>{@code
 * try (ClusterClient cluster = ClusterClient.builder()
 *         .zookeeper("127.0.0.1:2181").cluster("example-cluster")
 *         .grouping(Grouping.RANDOM).build()) {
 *     ExampleApi api = cluster.proxy(ExampleApi.class);
 *     api.timestamp();
 *     cluster.call("slacker.example.api", "echo", List.of(42));
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
 * <p>Inspect ({@link #functions}, {@link #meta}) is answered from ZooKeeper's {@code functions/}.
 */
public final class ClusterClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);
    private static final long BACKOFF_MIN_MS = 200;
    private static final long BACKOFF_MAX_MS = 5000;

    private final CuratorFramework curator;
    private final boolean ownsCurator;
    private final ZkPaths paths;
    private final String cluster;
    private final Serializer edn;
    private final GroupingPolicy defaults;
    private final boolean hasUnavailableValue;
    private final Object unavailableValue;
    private final Duration discoveryTimeout;
    private final Duration retireAfter;
    private final ServerConnection.Factory factory;
    private final EventLoopGroup group;
    private final Map<String, NamespaceWatch> namespaces = new ConcurrentHashMap<>();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<Member, Long> retiring = new ConcurrentHashMap<>();
    private final ServerDataWatch serverData;
    private final List<ServerDataListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService housekeeper;
    private volatile boolean closed;

    /** One server connection and its health. */
    static final class Member {
        final String address;
        final ServerConnection connection;
        final AtomicInteger failures = new AtomicInteger();
        volatile long downUntil;

        Member(String address, ServerConnection connection) {
            this.address = address;
            this.connection = connection;
        }

        boolean healthy(long now) {
            return downUntil <= now;
        }

        void broken() {
            int n = Math.min(failures.incrementAndGet(), 10);
            downUntil = System.currentTimeMillis() + Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS << (n - 1));
        }

        void fine() {
            if (failures.get() != 0) {
                failures.set(0);
                downUntil = 0;
            }
        }
    }

    private record Outcome(String address, Object value, Throwable error) {
    }

    private ClusterClient(Builder b, CuratorFramework curator, boolean ownsCurator) {
        this.curator = curator;
        this.ownsCurator = ownsCurator;
        this.paths = new ZkPaths(b.root, b.cluster);
        this.cluster = b.cluster;
        this.edn = b.serializers.get(ContentType.CLJ);
        this.defaults = b.policy;
        this.hasUnavailableValue = b.hasUnavailableValue;
        this.unavailableValue = b.unavailableValue;
        this.discoveryTimeout = b.discoveryTimeout;
        this.retireAfter = b.timeout.plusSeconds(1);
        if (b.factory != null) {
            this.group = null;
            this.factory = b.factory;
        } else {
            this.group = new MultiThreadIoEventLoopGroup(b.ioThreads, new DefaultThreadFactory("slacker-cluster-io", true),
                NioIoHandler.newFactory());
            this.factory = address -> {
                SlackerClient.Builder cb = SlackerClient.builder().address(address).contentType(b.contentType)
                    .timeout(b.timeout).serializers(b.serializers).eventLoopGroup(group);
                if (b.clientCustomizer != null) {
                    b.clientCustomizer.accept(cb);
                }
                return new SlackerConnection(cb.build());
            };
        }
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("slacker-cluster-housekeeper", true));
        housekeeper.scheduleWithFixedDelay(this::closeRetired, 100, 100, TimeUnit.MILLISECONDS);
        this.serverData = new ServerDataWatch(curator, paths, edn::deserialize, (addr, data, removed) -> {
            for (ServerDataListener l : listeners) {
                try {
                    l.changed(addr, data, removed);
                } catch (RuntimeException e) {
                    LOG.warn("server data listener failed", e);
                }
            }
        });
        serverData.start();
        awaitInitialLoad(b.connectTimeout);
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

    // ---------------------------------------------------------------- calls

    /**
     * A proxy of {@code iface} whose methods are cluster calls, as {@link SlackerClient#proxy}
     * (sync, {@code CompletableFuture}, {@code Callback}, {@code @FireAndForget}), with the
     * client's grouping overridden per method or interface by {@link Grouped}.
     */
    public <T> T proxy(Class<T> iface) {
        return ClusterProxy.create(this, iface, defaults);
    }

    /** Calls {@code ns/fn} with the client's grouping and waits for the result. */
    public Object call(String ns, String fn, List<?> args) {
        return call(ns, fn, args, CallOptions.defaults());
    }

    /** Calls {@code ns/fn} with these options and the client's grouping; waits for the result. */
    public Object call(String ns, String fn, List<?> args, CallOptions options) {
        return await(callAsync(ns, fn, args, options, defaults));
    }

    /** Calls {@code ns/fn} with this grouping; waits for the result. */
    public Object call(String ns, String fn, List<?> args, CallOptions options, GroupingPolicy policy) {
        return await(callAsync(ns, fn, args, options, policy));
    }

    /** Calls {@code ns/fn} without blocking, with the client's grouping. */
    public CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options) {
        return callAsync(ns, fn, args, options, defaults);
    }

    /**
     * Calls {@code ns/fn} without blocking. The future completes with the grouped result, or
     * exceptionally with a {@link SlackerException} ({@link UnavailableException} when no server
     * offers the namespace, {@link GroupedCallException} when a multi-server call failed).
     */
    public CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options,
                                               GroupingPolicy policy) {
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(fn, "fn");
        List<?> a = args == null ? List.of() : args;
        CallOptions o = options == null ? CallOptions.defaults() : options;
        GroupingPolicy p = policy == null ? defaults : policy;
        if (closed) {
            return CompletableFuture.failedFuture(new SlackerException("cluster client closed"));
        }
        NamespaceWatch w = watch(ns);
        if (w.ready().isDone()) {
            return dispatch(ns, fn, a, o, p, w.view());
        }
        return w.ready().copy().completeOnTimeout(null, discoveryTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .thenCompose(v -> dispatch(ns, fn, a, o, p, w.view()));
    }

    private CompletableFuture<Object> dispatch(String ns, String fn, List<?> args, CallOptions options,
                                               GroupingPolicy policy, NamespaceWatch.View view) {
        List<Member> live = liveMembers(view);
        if (live.isEmpty()) {
            return unavailable(ns, fn, "no server offers it");
        }
        List<Member> targets = choose(policy, ns, fn, args, preferHealthy(live), view.leader());
        if (targets.isEmpty()) {
            return unavailable(ns, fn, policy.grouping() == Grouping.LEADER ? "no live leader" : "no server selected");
        }
        if (targets.size() == 1) {
            boolean failover = policy.failover() > 0 && policy.grouping() != Grouping.LEADER;
            CompletableFuture<Outcome> one = new CompletableFuture<>();
            callOne(ns, fn, args, options, policy, targets.get(0), failover ? policy.failover() : 0, new HashSet<>(), one);
            return one.thenApply(out -> {
                if (out.error() != null) {
                    throw new CompletionException(out.error());
                }
                return merge(policy, ns, fn, List.of(out));
            });
        }
        List<CompletableFuture<Outcome>> all = new ArrayList<>(targets.size());
        for (Member m : targets) {
            all.add(send(m, ns, fn, args, options));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(x -> {
            List<Outcome> outs = new ArrayList<>(all.size());
            for (CompletableFuture<Outcome> f : all) {
                outs.add(f.join());
            }
            return merge(policy, ns, fn, outs);
        });
    }

    /** One server, moving on to another one (up to {@code retries} times) when it cannot be reached. */
    private void callOne(String ns, String fn, List<?> args, CallOptions options, GroupingPolicy policy, Member m,
                         int retries, Set<String> tried, CompletableFuture<Outcome> result) {
        tried.add(m.address);
        send(m, ns, fn, args, options).whenComplete((out, never) -> {
            if (out.error() instanceof ConnectionBrokenException && retries > 0 && !closed) {
                NamespaceWatch w = namespaces.get(ns);
                List<Member> rest = new ArrayList<>();
                for (Member c : w == null ? List.<Member>of() : liveMembers(w.view())) {
                    if (!tried.contains(c.address)) {
                        rest.add(c);
                    }
                }
                if (!rest.isEmpty()) {
                    List<Member> next = choose(policy, ns, fn, args, preferHealthy(rest), null);
                    Member n = next.isEmpty() ? rest.get(0) : next.get(0);
                    LOG.debug("{}/{}: {} unreachable ({}), failing over to {}", ns, fn, m.address, out.error().getMessage(), n.address);
                    callOne(ns, fn, args, options, policy, n, retries - 1, tried, result);
                    return;
                }
            }
            result.complete(out);
        });
    }

    /** Sends one call; the outcome never completes exceptionally. */
    private CompletableFuture<Outcome> send(Member m, String ns, String fn, List<?> args, CallOptions options) {
        CompletableFuture<Object> f;
        try {
            f = m.connection.callAsync(ns, fn, args, options);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((v, e) -> {
            Throwable err = unwrap(e);
            if (err instanceof ConnectionBrokenException) {
                m.broken();
            } else {
                m.fine();
            }
            return new Outcome(m.address, v, err);
        });
    }

    private Object merge(GroupingPolicy policy, String ns, String fn, List<Outcome> outs) {
        Map<String, Object> ok = new LinkedHashMap<>();
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (Outcome o : outs) {
            if (o.error() == null) {
                ok.put(o.address(), o.value());
            } else {
                failed.put(o.address(), o.error());
            }
        }
        boolean fail = ok.isEmpty() || (policy.exceptions() == GroupingExceptions.ANY && !failed.isEmpty());
        if (fail) {
            if (outs.size() == 1) {
                throw new CompletionException(failed.values().iterator().next());
            }
            throw new CompletionException(new GroupedCallException(ns + "/" + fn + " failed on " + failed.size() + " of "
                + outs.size() + " servers: " + failed.keySet(), failed));
        }
        if (policy.merger() != null) {
            return policy.merger().merge(ns, fn, java.util.Collections.unmodifiableMap(ok));
        }
        return switch (policy.results()) {
            case SINGLE -> ok.values().iterator().next();
            case VECTOR -> java.util.Collections.unmodifiableList(new ArrayList<>(ok.values()));
            case MAP -> java.util.Collections.unmodifiableMap(ok);
            case NIL -> null;
        };
    }

    private List<Member> choose(GroupingPolicy policy, String ns, String fn, List<?> args, List<Member> candidates,
                                String leader) {
        if (policy.selector() != null) {
            List<ServerInfo> infos = new ArrayList<>(candidates.size());
            for (Member m : candidates) {
                infos.add(new ServerInfo(m.address, m.address.equals(leader), serverData.get(m.address), m.connection.inFlight()));
            }
            List<String> picked = policy.selector().select(ns, fn, args, List.copyOf(infos));
            List<Member> out = new ArrayList<>();
            if (picked != null) {
                for (String a : picked) {
                    for (Member m : candidates) {
                        if (m.address.equals(a) && !out.contains(m)) {
                            out.add(m);
                        }
                    }
                }
            }
            return out;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        return switch (policy.grouping()) {
            case RANDOM -> List.of(candidates.get(rnd.nextInt(candidates.size())));
            case FIRST -> List.of(candidates.get(0));
            case LEADER -> {
                for (Member m : candidates) {
                    if (m.address.equals(leader)) {
                        yield List.of(m);
                    }
                }
                yield List.of();
            }
            case LEAST_IN_FLIGHT -> {
                Member best = null;
                int bestLoad = Integer.MAX_VALUE;
                int ties = 0;
                for (Member m : candidates) {
                    int load = m.connection.inFlight();
                    if (load < bestLoad) {
                        best = m;
                        bestLoad = load;
                        ties = 1;
                    } else if (load == bestLoad && rnd.nextInt(++ties) == 0) {
                        best = m; // reservoir pick among equals
                    }
                }
                yield List.of(best);
            }
            case WEIGHTED -> {
                double[] w = new double[candidates.size()];
                double total = 0;
                for (int i = 0; i < w.length; i++) {
                    w[i] = weight(candidates.get(i).address);
                    total += w[i];
                }
                if (total <= 0) {
                    yield List.of(candidates.get(rnd.nextInt(candidates.size())));
                }
                double r = rnd.nextDouble(total);
                for (int i = 0; i < w.length; i++) {
                    r -= w[i];
                    if (r < 0) {
                        yield List.of(candidates.get(i));
                    }
                }
                yield List.of(candidates.get(w.length - 1));
            }
            case ALL -> candidates;
        };
    }

    private double weight(String address) {
        Object d = serverData.get(address);
        if (d instanceof Map<?, ?> m) {
            Object w = m.get(io.slacker.data.Keyword.of("weight"));
            if (w instanceof Number n) {
                return Math.max(0, n.doubleValue());
            }
        }
        return 1;
    }

    private List<Member> liveMembers(NamespaceWatch.View view) {
        List<Member> out = new ArrayList<>(view.servers().size());
        for (String a : view.servers()) {
            Member m = members.get(a);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<Member> preferHealthy(List<Member> live) {
        long now = System.currentTimeMillis();
        List<Member> healthy = new ArrayList<>(live.size());
        for (Member m : live) {
            if (m.healthy(now)) {
                healthy.add(m);
            }
        }
        return healthy.isEmpty() ? live : healthy;
    }

    private CompletableFuture<Object> unavailable(String ns, String fn, String why) {
        if (hasUnavailableValue) {
            return CompletableFuture.completedFuture(unavailableValue);
        }
        return CompletableFuture.failedFuture(new UnavailableException(ns + "/" + fn + " unavailable in cluster "
            + cluster + ": " + why));
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Waits for a future; rethrows its failure unwrapped. */
    static Object await(CompletableFuture<?> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = unwrap(e);
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new SlackerException("call failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackerException("interrupted while waiting for the answer", e);
        }
    }

    // ---------------------------------------------------------------- discovery

    private NamespaceWatch watch(String ns) {
        NamespaceWatch w = namespaces.get(ns);
        if (w != null) {
            return w;
        }
        synchronized (namespaces) {
            w = namespaces.get(ns);
            if (w == null) {
                w = new NamespaceWatch(curator, paths, ns, view -> viewChanged(ns, view));
                namespaces.put(ns, w);
                w.start();
            }
            return w;
        }
    }

    /** Connects to servers that appeared and retires those no namespace lists any more. */
    private synchronized void viewChanged(String ns, NamespaceWatch.View view) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>(view.servers());
        namespaces.forEach((name, w) -> {
            if (!name.equals(ns)) {
                wanted.addAll(w.view().servers());
            }
        });
        for (String a : wanted) {
            if (!members.containsKey(a)) {
                Member back = null;
                for (Member r : retiring.keySet()) {
                    if (r.address.equals(a)) {
                        back = r;
                    }
                }
                if (back != null) {
                    retiring.remove(back);
                    members.put(a, back);
                } else {
                    members.put(a, new Member(a, factory.connect(a)));
                    LOG.debug("cluster {}: connected to {}", cluster, a);
                }
            }
        }
        for (Member m : new ArrayList<>(members.values())) {
            if (!wanted.contains(m.address)) {
                members.remove(m.address);
                retiring.put(m, System.currentTimeMillis() + retireAfter.toMillis());
                LOG.debug("cluster {}: {} left", cluster, m.address);
            }
        }
    }

    private void closeRetired() {
        long now = System.currentTimeMillis();
        for (Map.Entry<Member, Long> e : retiring.entrySet()) {
            Member m = e.getKey();
            if (m.connection.inFlight() == 0 || e.getValue() <= now) {
                if (retiring.remove(m, e.getValue())) {
                    m.connection.close();
                }
            }
        }
    }

    /** The live servers of a namespace, leader first (starts watching it; may wait for the first read). */
    public List<String> servers(String ns) {
        NamespaceWatch w = watch(ns);
        try {
            w.ready().get(discoveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // not read yet: what is known
        }
        return w.view().servers();
    }

    /** The live leader of a namespace, or {@code null}. */
    public String leader(String ns) {
        servers(ns);
        return namespaces.get(ns).view().leader();
    }

    /** The servers this client holds a connection to. */
    public Set<String> connectedServers() {
        return Set.copyOf(members.keySet());
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

    // ---------------------------------------------------------------- inspect

    /** The {@code "ns/fn"} names published under a namespace ({@code null}: every namespace), sorted. */
    public List<String> functions(String ns) {
        try {
            List<String> out = new ArrayList<>();
            List<String> nss = ns != null ? List.of(ns) : curator.getChildren().forPath(paths.functions());
            for (String n : nss) {
                try {
                    for (String f : curator.getChildren().forPath(paths.functions(n))) {
                        out.add(n + "/" + f);
                    }
                } catch (KeeperException.NoNodeException e) {
                    // nothing published
                }
            }
            out.sort(null);
            return out;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new SlackerException("cannot read functions from ZooKeeper: " + e, e);
        }
    }

    /** The published metadata of {@code "ns/fn"} ({@code :name}, {@code :doc}, {@code :arglists}); empty when unknown. */
    public Map<?, ?> meta(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not ns/fn: " + fullName);
        }
        try {
            byte[] d = curator.getData().forPath(paths.function(fullName.substring(0, slash), fullName.substring(slash + 1)));
            Object v = d == null || d.length == 0 ? null : edn.deserialize(d);
            return v instanceof Map<?, ?> m ? m : Map.of();
        } catch (KeeperException.NoNodeException e) {
            return Map.of();
        } catch (Exception e) {
            throw new SlackerException("cannot read meta from ZooKeeper: " + e, e);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Stops watching and closes every connection (failing calls in flight). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        namespaces.values().forEach(NamespaceWatch::close);
        serverData.close();
        housekeeper.shutdownNow();
        members.values().forEach(m -> m.connection.close());
        retiring.keySet().forEach(m -> m.connection.close());
        members.clear();
        retiring.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ownsCurator) {
            curator.close();
        }
    }

    /** Configures a {@link ClusterClient}. */
    public static final class Builder {
        private String zookeeper;
        private CuratorFramework curator;
        private String root = ZkPaths.DEFAULT_ROOT;
        private String cluster;
        private GroupingPolicy policy = GroupingPolicy.defaults();
        private boolean hasUnavailableValue;
        private Object unavailableValue;
        private ContentType contentType = ContentType.CLJ;
        private Duration timeout = Duration.ofSeconds(10);
        private Serializers serializers = Serializers.defaults();
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration discoveryTimeout = Duration.ofSeconds(10);
        private int ioThreads;
        private Consumer<SlackerClient.Builder> clientCustomizer;
        private ServerConnection.Factory factory;

        private Builder() {
        }

        /** The ZooKeeper connect string. */
        public Builder zookeeper(String connectString) {
            this.zookeeper = connectString;
            return this;
        }

        /** A started Curator client to use instead (not closed by the cluster client). */
        public Builder curator(CuratorFramework client) {
            this.curator = client;
            return this;
        }

        /** The registry root (default {@code /slacker/cluster}). */
        public Builder root(String root) {
            this.root = root;
            return this;
        }

        /** The cluster name (required). */
        public Builder cluster(String name) {
            this.cluster = name;
            return this;
        }

        /** The default grouping (default RANDOM). */
        public Builder grouping(Grouping grouping) {
            policy = policy.withGrouping(grouping);
            return this;
        }

        /** A user-defined default grouping. */
        public Builder grouping(ServerSelector selector) {
            policy = policy.withSelector(selector);
            return this;
        }

        /** The default results mode (default SINGLE). */
        public Builder groupingResults(GroupingResults results) {
            policy = policy.withResults(results);
            return this;
        }

        /** A user-defined default result combination. */
        public Builder groupingResults(ResultMerger merger) {
            policy = policy.withMerger(merger);
            return this;
        }

        /** The default exceptions mode (default ALL). */
        public Builder groupingExceptions(GroupingExceptions exceptions) {
            policy = policy.withExceptions(exceptions);
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

        /** The content type of calls (default clj). */
        public Builder contentType(ContentType contentType) {
            this.contentType = contentType;
            return this;
        }

        /** The call timeout (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The serializers (default: every built-in one; EDN is needed for server data and meta). */
        public Builder serializers(Serializers serializers) {
            this.serializers = serializers;
            return this;
        }

        /** The ZooKeeper session timeout (default 10 s). */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        /** How long {@link #build()} waits for ZooKeeper (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long a namespace's first call waits for its server list (default 10 s). */
        public Builder discoveryTimeout(Duration timeout) {
            this.discoveryTimeout = timeout;
            return this;
        }

        /** I/O threads shared by all server connections (default: Netty's). */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Further settings for each server's {@link SlackerClient} (address, group and the above are set already). */
        public Builder clientCustomizer(Consumer<SlackerClient.Builder> customizer) {
            this.clientCustomizer = customizer;
            return this;
        }

        Builder connectionFactory(ServerConnection.Factory f) {
            this.factory = f;
            return this;
        }

        /**
         * Connects to ZooKeeper and starts watching {@code servers/}.
         *
         * @throws IllegalStateException when ZooKeeper cannot be reached in time
         */
        public ClusterClient build() {
            Objects.requireNonNull(cluster, "cluster");
            if (zookeeper == null && curator == null) {
                throw new IllegalStateException("zookeeper connect string or curator client required");
            }
            CuratorFramework c = curator != null ? curator : Zk.connect(zookeeper, sessionTimeout, connectTimeout);
            if (curator != null) {
                Zk.requireUsable(curator, connectTimeout);
            }
            try {
                return new ClusterClient(this, c, curator == null);
            } catch (RuntimeException e) {
                if (curator == null) {
                    c.close();
                }
                throw e;
            }
        }
    }
}
