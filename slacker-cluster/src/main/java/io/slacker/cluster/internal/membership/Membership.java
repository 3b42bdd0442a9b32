package io.slacker.cluster.internal.membership;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterObserver;
import io.slacker.cluster.internal.zk.NamespaceWatch;
import io.slacker.cluster.internal.zk.ZkPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which servers offer which namespace, and a connection to each: watches a namespace in
 * ZooKeeper from its first use, connects to servers that appear, retires those no namespace lists
 * any more (closed once their calls are answered, or after the call timeout).
 */
public final class Membership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final CuratorFramework curator;
    private final ZkPaths paths;
    private final Function<String, SlackerClient> connector;
    private final ClusterObserver observer;
    private final Map<String, NamespaceWatch> namespaces = new ConcurrentHashMap<>();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<Member, Long> retiring = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeper;
    private volatile boolean closed;

    /**
     * @param connector makes the (lazy) client of a server address
     * @param observer  told of server list and leader changes
     */
    public Membership(CuratorFramework curator, ZkPaths paths, Function<String, SlackerClient> connector,
                      ClusterObserver observer) {
        this.curator = curator;
        this.paths = paths;
        this.connector = connector;
        this.observer = observer;
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("slacker-cluster-housekeeper", true));
        housekeeper.scheduleWithFixedDelay(this::closeRetired, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** The watch of a namespace, started on first use. */
    public NamespaceWatch watch(String ns) {
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

    /** The namespace's view once it was read, or after {@code waitMillis} with what is known. */
    public CompletableFuture<NamespaceWatch.View> view(String ns, long waitMillis) {
        NamespaceWatch w = watch(ns);
        if (w.ready().isDone()) {
            return CompletableFuture.completedFuture(w.view());
        }
        // not read in time (or the read failed): what is known
        return w.ready().copy().completeOnTimeout(null, waitMillis, TimeUnit.MILLISECONDS).handle((v, e) -> w.view());
    }

    /** The members among the view's servers, in its order (leader first). */
    public List<Member> live(NamespaceWatch.View view) {
        List<Member> out = new ArrayList<>(view.servers().size());
        for (String a : view.servers()) {
            Member m = members.get(a);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The servers this client holds a connection to. */
    public Set<String> connected() {
        return Set.copyOf(members.keySet());
    }

    /** Connects to servers that appeared and retires those no namespace lists any more. */
    private synchronized void viewChanged(String ns, NamespaceWatch.View view) {
        if (closed) {
            return;
        }
        // called before the watch takes the new view: it still answers the previous one
        NamespaceWatch watch = namespaces.get(ns);
        if (watch != null && watch.ready().isDone() && !Objects.equals(watch.view().leader(), view.leader())) {
            observer.leaderChanged(ns, watch.view().leader(), view.leader());
        }
        observer.serversChanged(ns, view.servers());
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
                    if (r.address().equals(a)) {
                        back = r;
                    }
                }
                if (back != null) {
                    retiring.remove(back);
                    members.put(a, back);
                } else {
                    members.put(a, new Member(a, connector.apply(a)));
                    LOG.debug("{}: connected to {}", paths.cluster(), a);
                }
            }
        }
        for (Member m : new ArrayList<>(members.values())) {
            if (!wanted.contains(m.address())) {
                members.remove(m.address());
                retiring.put(m, System.currentTimeMillis() + m.client().timeout().toMillis() + 1000);
                LOG.debug("{}: {} left", paths.cluster(), m.address());
            }
        }
    }

    private void closeRetired() {
        long now = System.currentTimeMillis();
        for (Map.Entry<Member, Long> e : retiring.entrySet()) {
            Member m = e.getKey();
            if ((m.client().inFlight() == 0 || e.getValue() <= now) && retiring.remove(m, e.getValue())) {
                m.client().close();
            }
        }
    }

    /** Stops watching and closes every connection (failing calls in flight). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        namespaces.values().forEach(NamespaceWatch::close);
        housekeeper.shutdownNow();
        members.values().forEach(m -> m.client().close());
        retiring.keySet().forEach(m -> m.client().close());
        members.clear();
        retiring.clear();
    }
}
