package io.slacker.cluster.zk;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private volatile View view = View.EMPTY;

    /**
     * @param onChange called with every new view (on the cache's event thread), before
     *                 {@link #view()} returns it
     */
    public NamespaceWatch(CuratorFramework client, ZkPaths paths, String namespace, Consumer<View> onChange) {
        this.nsPath = paths.namespace(namespace);
        this.leaderPath = paths.leader(namespace);
        this.cache = CuratorCache.bridgeBuilder(client, nsPath).build();
        Runnable refresh = () -> {
            View v = compute();
            if (!v.equals(view)) {
                onChange.accept(v);
                view = v;
            }
        };
        cache.listenable().addListener(CuratorCacheListener.builder()
            .forAll((type, oldData, data) -> {
                if (ready.isDone()) {
                    refresh.run();
                }
            })
            .forInitialized(() -> {
                refresh.run();
                ready.complete(view);
            })
            .build());
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
        List<String> servers = new ArrayList<>();
        cache.stream().forEach(d -> {
            String p = d.getPath();
            if (ZkPaths.parent(p).equals(nsPath)) {
                String name = ZkPaths.name(p);
                if (!ZkPaths.isMetadata(name)) {
                    servers.add(name);
                }
            }
        });
        servers.sort(null);
        String leader = null;
        Optional<ChildData> l = cache.get(leaderPath);
        if (l.isPresent() && l.get().getData() != null) {
            String addr = new String(l.get().getData(), StandardCharsets.UTF_8);
            if (servers.remove(addr)) {
                servers.add(0, addr);
                leader = addr;
            }
        }
        return new View(List.copyOf(servers), leader);
    }

    @Override
    public void close() {
        cache.close();
    }
}
