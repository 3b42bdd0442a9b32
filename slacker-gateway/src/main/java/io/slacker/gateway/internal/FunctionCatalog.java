package io.slacker.gateway.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.zookeeper.KeeperException;

/**
 * The functions the cluster publishes ({@code <root>/<cluster>/functions/NS/FN}), cached, so an
 * unknown namespace or function is answered 404 without a call. A cache miss is confirmed by an
 * asynchronous read (a function published a moment ago is not refused); nothing blocks.
 */
final class FunctionCatalog implements AutoCloseable {
    private final CuratorFramework curator;
    private final CuratorCache cache;
    private final String base;

    FunctionCatalog(CuratorFramework curator, String base) {
        this.curator = curator;
        this.base = base;
        // the bridge: one-shot watches where the client (or the server, 3.5) has no persistent ones
        this.cache = CuratorCache.bridgeBuilder(curator, base).build();
        cache.start();
    }

    CompletionStage<Boolean> hasNamespace(String ns) {
        return exists(base + "/" + ns);
    }

    CompletionStage<Boolean> hasFunction(String ns, String fn) {
        return exists(base + "/" + ns + "/" + fn);
    }

    private CompletionStage<Boolean> exists(String path) {
        if (cache.get(path).isPresent()) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        try {
            curator.checkExists().inBackground((client, event) -> {
                if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                    f.complete(event.getStat() != null);
                } else if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                    f.complete(false);
                } else {
                    f.completeExceptionally(KeeperException.create(KeeperException.Code.get(event.getResultCode()), path));
                }
            }).forPath(path);
        } catch (Exception e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    @Override
    public void close() {
        cache.close();
    }
}
