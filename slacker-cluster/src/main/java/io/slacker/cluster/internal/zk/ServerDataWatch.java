package io.slacker.cluster.internal.zk;

import java.io.Closeable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheBridge;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code servers/*} and keeps each server's decoded data (a {@link CuratorCacheBridge}:
 * one-shot watches on clients made by {@link Zk}, so ZooKeeper 3.5 servers work).
 */
public final class ServerDataWatch implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerDataWatch.class);

    /** Told of every change. */
    public interface Listener {
        /** @param data decoded data; {@code null} and {@code removed} when the server left */
        void changed(String address, Object data, boolean removed);
    }

    private static final Object NIL = new Object();

    private final String serversPath;
    private final CuratorCacheBridge cache;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    /** @param decoder turns node data (may be null or empty) into a value */
    public ServerDataWatch(CuratorFramework client, ZkPaths paths, Function<byte[], Object> decoder, Listener listener) {
        this.serversPath = paths.servers();
        this.cache = CuratorCache.bridgeBuilder(client, serversPath).build();
        cache.listenable().addListener(CuratorCacheListener.builder()
            .forCreatesAndChanges((oldNode, node) -> update(node, decoder, listener))
            .forDeletes(old -> {
                if (isServer(old)) {
                    String addr = ZkPaths.name(old.getPath());
                    data.remove(addr);
                    listener.changed(addr, null, true);
                }
            })
            .forInitialized(() -> ready.complete(null))
            .build());
    }

    private boolean isServer(ChildData d) {
        return ZkPaths.parent(d.getPath()).equals(serversPath);
    }

    private void update(ChildData node, Function<byte[], Object> decoder, Listener listener) {
        if (!isServer(node)) {
            return;
        }
        String addr = ZkPaths.name(node.getPath());
        Object v;
        try {
            byte[] bytes = node.getData();
            v = bytes == null || bytes.length == 0 ? null : decoder.apply(bytes);
        } catch (RuntimeException e) {
            LOG.warn("undecodable server data of {}: {}", addr, e.toString());
            v = null;
        }
        data.put(addr, v == null ? NIL : v);
        listener.changed(addr, v, false);
    }

    /** Starts watching. */
    public void start() {
        cache.start();
    }

    /** Completes once the first full read is done. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** A server's data, or {@code null}. */
    public Object get(String address) {
        Object v = data.get(address);
        return v == NIL ? null : v;
    }

    /** Every listed server's data (a copy, nil data as {@code null}). */
    public Map<String, Object> all() {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, v == NIL ? null : v));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void close() {
        cache.close();
    }
}
