package io.slacker.gateway.internal;

import io.slacker.gateway.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the configuration comes from: fixed (file/CLI/builder) or live from ZooKeeper, where a
 * {@link CuratorCache} over {@code .../gateway} rebuilds the whole snapshot on every change (the
 * constructor waits for the first complete read). A
 * snapshot that does not parse is logged and the previous one stays in force.
 */
abstract class ConfigSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSource.class);

    abstract GatewayConfig current();

    @Override
    public void close() {
    }

    static ConfigSource fixed(GatewayConfig config) {
        return new ConfigSource() {
            @Override
            GatewayConfig current() {
                return config;
            }
        };
    }

    static ConfigSource zookeeper(CuratorFramework curator, String base) {
        return new Zk(curator, base);
    }

    private static final class Zk extends ConfigSource {
        private final AtomicReference<GatewayConfig> current = new AtomicReference<>(GatewayConfig.empty());
        private final CuratorCache cache;
        private final String base;

        Zk(CuratorFramework curator, String base) {
            this.base = base;
            // the bridge: one-shot watches where the client (or the server, 3.5) has no persistent ones
            this.cache = CuratorCache.bridgeBuilder(curator, base).build();
            CountDownLatch loaded = new CountDownLatch(1);
            cache.listenable().addListener(CuratorCacheListener.builder().forAll((type, oldData, data) -> {
                if (loaded.getCount() == 0) {
                    reload();
                }
            }).forInitialized(() -> {
                loaded.countDown();
                reload();
            }).build());
            cache.start();
            // start with the stored config rather than an empty one for a moment
            try {
                if (!loaded.await(15, TimeUnit.SECONDS)) {
                    LOG.warn("gateway config under {} not loaded within 15 s; it applies once read", base);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void reload() {
            String settings = null;
            Map<String, String> routes = new LinkedHashMap<>();
            Map<String, String> keys = new LinkedHashMap<>();
            for (ChildData d : cache.stream().toList()) {
                String rel = d.getPath().length() > base.length() ? d.getPath().substring(base.length() + 1) : "";
                String text = d.getData() == null ? "" : new String(d.getData(), StandardCharsets.UTF_8);
                if (rel.equals("settings")) {
                    settings = text;
                } else if (rel.startsWith("routes/") && rel.indexOf('/', 7) < 0) {
                    routes.put(rel.substring(7), text);
                } else if (rel.startsWith("keys/") && rel.indexOf('/', 5) < 0) {
                    keys.put(rel.substring(5), text);
                }
            }
            try {
                current.set(GatewayConfig.fromParts(settings, routes, keys));
            } catch (RuntimeException e) {
                LOG.warn("gateway config under {} rejected, keeping the previous one: {}", base, e.getMessage());
            }
        }

        @Override
        GatewayConfig current() {
            return current.get();
        }

        @Override
        public void close() {
            cache.close();
        }
    }
}
