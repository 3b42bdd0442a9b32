package io.slacker.cluster.internal.zk;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheBridge;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * Watches one namespace's servers and leader ({@code namespaces/NS/*}, {@code _leader}) with a
 * {@link CuratorCacheBridge} (one-shot watches on clients made by {@link Zk}, so ZooKeeper 3.5
 * servers work) and keeps an immutable {@link View}: the live servers, leader first. A
 * leader address without a namespace node (a stale {@code _leader}) is ignored.
 */
public final class NamespaceWatch implements Closeable {
    /**
     * The servers of a namespace.
     *
     * @param servers live servers: the leader first (when live), then the others by address
     * @param leader  the live leader, or {@code null}
     */
    public record View(List<String> servers, String leader) {
        /** No servers. */
        public static final View EMPTY = new View(List.of(), null);
    }

    private final String nsPath;
    private final String leaderPath;
    private final CuratorCacheBridge cache;
    private final CompletableFuture<View> ready = new CompletableFuture<>();
    private final Consumer<View> onChange;
    /** Live servers and the leader node's data, kept from the cache's events (one event thread). */
    private final Set<String> servers = new TreeSet<>();
    private String leaderData;
    private volatile View view = View.EMPTY;

    /**
     * @param onChange called with every new view (on the cache's event thread), before
     *                 {@link #view()} returns it
     */
    public NamespaceWatch(CuratorFramework client, ZkPaths paths, String namespace, Consumer<View> onChange) {
        this.nsPath = paths.namespace(namespace);
        this.leaderPath = paths.leader(namespace);
        this.onChange = onChange;
        this.cache = CuratorCache.bridgeBuilder(client, nsPath).build();
        // the state comes from the events, not from iterating the cache: the tree-cache fallback
        // (ZooKeeper 3.5) cannot be iterated safely while it changes
        cache.listenable().addListener(CuratorCacheListener.builder()
            .forCreatesAndChanges((oldNode, node) -> nodeEvent(node, true))
            .forDeletes(old -> nodeEvent(old, false))
            .forInitialized(() -> {
                refresh();
                ready.complete(view);
            })
            .build());
    }

    private synchronized void nodeEvent(ChildData node, boolean present) {
        String p = node.getPath();
        if (p.equals(leaderPath)) {
            byte[] d = node.getData();
            leaderData = present && d != null ? new String(d, StandardCharsets.UTF_8) : null;
        } else if (ZkPaths.parent(p).equals(nsPath) && !ZkPaths.isMetadata(ZkPaths.name(p))) {
            if (present) {
                servers.add(ZkPaths.name(p));
            } else {
                servers.remove(ZkPaths.name(p));
            }
        } else {
            return;
        }
        if (ready.isDone()) {
            refresh();
        }
    }

    private synchronized void refresh() {
        View v = compute();
        if (!v.equals(view)) {
            onChange.accept(v);
            view = v;
        }
    }

    /** Starts watching. */
    public void start() {
        cache.start();
    }

    /** Completes once the first full read is done. */
    public CompletableFuture<View> ready() {
        return ready;
    }

    /** The current view (no ZooKeeper access). */
    public View view() {
        return view;
    }

    private View compute() {
        List<String> list = new ArrayList<>(servers);
        String leader = null;
        if (leaderData != null && list.remove(leaderData)) {
            list.add(0, leaderData);
            leader = leaderData;
        }
        return new View(List.copyOf(list), leader);
    }

    @Override
    public void close() {
        cache.close();
    }
}
