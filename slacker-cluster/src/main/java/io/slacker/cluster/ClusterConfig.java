package io.slacker.cluster;

import io.slacker.cluster.internal.config.ConfigEntry;
import io.slacker.cluster.internal.config.ConfigStore;
import io.slacker.cluster.internal.config.ConfigWriter;
import io.slacker.cluster.internal.zk.ZkPaths;
import io.slacker.spi.SerializationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Externalized configuration of one application, kept in ZooKeeper beside the cluster registry:
 * {@code ROOT/C/config/APP/KEY} (default root {@code /slacker/cluster}), each node holding one EDN
 * value as UTF-8 text, so Clojure reads it with {@code clojure.edn/read-string}.
 *
 * <pre>{@code
 * try (ClusterConfig config = ClusterConfig.builder()
 *         .zookeeper("127.0.0.1:2181").cluster("example-cluster").app("greeter").start()) {
 *     String greeting = config.getString("greeting", "Hello");
 *     config.addListener(change -> System.out.println(change.key() + " is now " + change.newValue()));
 *     int v = config.version("greeting");
 *     config.compareAndSet("greeting", "Hi", v);   // ConfigConflictException when someone was first
 * }
 * }</pre>
 *
 * <p>Reads are served from an in-memory copy kept current by ZooKeeper watches; it keeps the last
 * known values while ZooKeeper is unreachable and is read again (watches re-armed) on every
 * reconnection, a session expiry included. Writes go to ZooKeeper and fail with a
 * {@link ConfigException} when it cannot be reached. Listeners run on one event thread, in order.
 */
public final class ClusterConfig implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfig.class);

    /** The version of a key that does not exist (for {@link #compareAndSet}: "create only"). */
    public static final int ABSENT = -1;

    private final CuratorFramework curator;
    private final boolean ownsCurator;
    private final String cluster;
    private final String app;
    private final ConfigStore store;
    private final ConfigWriter writer;
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();

    private ClusterConfig(CuratorFramework curator, boolean ownsCurator, String path, String cluster, String app) {
        this.curator = curator;
        this.ownsCurator = ownsCurator;
        this.cluster = cluster;
        this.app = app;
        this.store = new ConfigStore(curator, path, this::fire);
        this.writer = new ConfigWriter(curator, store);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The application's config node, {@code ROOT/C/config/APP}. */
    public String path() {
        return store.path();
    }

    /** The application name. */
    public String app() {
        return app;
    }

    // ---- reads (from the in-memory copy) ----

    /** The value of a key, if present and not nil (tell a nil value from a missing key with {@link #contains}). */
    public Optional<Object> find(String key) {
        ConfigEntry e = entry(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.value());
    }

    /** Whether the key exists. */
    public boolean contains(String key) {
        return entry(key) != null;
    }

    /** The value of a key, or {@code fallback} when the key does not exist. */
    public Object get(String key, Object fallback) {
        ConfigEntry e = entry(key);
        return e == null ? fallback : e.value();
    }

    /** The value of a key; a {@link ConfigException} naming the key when it does not exist. */
    public Object require(String key) {
        ConfigEntry e = entry(key);
        if (e == null) {
            throw new ConfigException("no config key '" + key + "' for app '" + app + "' in cluster '" + cluster + "'");
        }
        return e.value();
    }

    /** The EDN text of a key as stored, if present (also when it is not valid EDN). */
    public Optional<String> text(String key) {
        ConfigEntry e = store.get(checkKey(key));
        return e == null ? Optional.empty() : Optional.of(e.text());
    }

    /** The ZooKeeper version of a key's value, {@link #ABSENT} when it does not exist. */
    public int version(String key) {
        ConfigEntry e = store.get(checkKey(key));
        return e == null ? ABSENT : e.version();
    }

    /** A string value (a keyword or symbol gives its name), or {@code fallback}. */
    public String getString(String key, String fallback) {
        Object v = get(key, fallback);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof io.slacker.data.Keyword k) {
            return k.name();
        }
        throw wrongType(key, "a string", v);
    }

    /** An integral value, or {@code fallback}. */
    public long getLong(String key, long fallback) {
        Object v = get(key, fallback);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw wrongType(key, "an integer", v);
    }

    /** An integral value within int range, or {@code fallback}. */
    public int getInt(String key, int fallback) {
        long l = getLong(key, fallback);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw wrongType(key, "an integer within int range", l);
        }
        return (int) l;
    }

    /** A numeric value, or {@code fallback}. */
    public double getDouble(String key, double fallback) {
        Object v = get(key, fallback);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, "a number", v);
    }

    /** A boolean value, or {@code fallback}. */
    public boolean getBoolean(String key, boolean fallback) {
        Object v = get(key, fallback);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false", v);
    }

    /** Every key, in order (also those holding invalid EDN). */
    public java.util.List<String> keys() {
        return java.util.List.copyOf(store.entries().keySet());
    }

    /** Every valid value, by key (keys holding invalid EDN are left out). */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigEntry> e : store.entries().entrySet()) {
            if (e.getValue().valid()) {
                m.put(e.getKey(), e.getValue().value());
            }
        }
        return m;
    }

    private ConfigEntry entry(String key) {
        ConfigEntry e = store.get(checkKey(key));
        if (e != null && !e.valid()) {
            throw new ConfigException("config key '" + key + "' does not hold valid EDN (" + e.error() + "): " + e.text());
        }
        return e;
    }

    private ConfigException wrongType(String key, String expected, Object actual) {
        return new ConfigException("config key '" + key + "' must be " + expected + ", not " + ConfigEntry.print(actual));
    }

    // ---- listeners ----

    /** Registers a listener for every change of every key. */
    public void addListener(ConfigListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Unregisters a listener. */
    public void removeListener(ConfigListener listener) {
        listeners.remove(listener);
    }

    private void fire(ConfigChange change) {
        for (ConfigListener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                LOG.warn("config listener failed on {}: {}", change.key(), e.toString(), e);
            }
        }
    }

    // ---- writes (to ZooKeeper) ----

    /**
     * Sets a key to a value (created when missing).
     *
     * @return the new version
     * @throws ConfigException when the value has no EDN form or ZooKeeper cannot be reached
     */
    public int set(String key, Object value) {
        return writer.set(checkKey(key), encode(key, value));
    }

    /**
     * Sets a key from EDN text.
     *
     * @throws ConfigException when the text is not one valid EDN value
     */
    public int setEdn(String key, String ednText) {
        return set(key, parse(ednText));
    }

    /** Reads EDN text; a {@link ConfigException} saying why when it is not one valid EDN value. */
    public static Object parse(String ednText) {
        try {
            return ConfigEntry.read(ednText);
        } catch (SerializationException e) {
            throw new ConfigException("invalid EDN '" + ednText + "': " + e.getMessage(), e);
        }
    }

    /**
     * Sets a key only if its version is still {@code expectedVersion} ({@link #ABSENT}: only if it
     * does not exist yet).
     *
     * @return the new version
     * @throws ConfigConflictException when the version differs
     */
    public int compareAndSet(String key, Object value, int expectedVersion) {
        return writer.compareAndSet(checkKey(key), encode(key, value), expectedVersion);
    }

    /**
     * Deletes a key.
     *
     * @return whether it existed
     */
    public boolean delete(String key) {
        return writer.delete(checkKey(key));
    }

    private static byte[] encode(String key, Object value) {
        try {
            return ConfigEntry.print(value).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new ConfigException("config key '" + key + "': value has no EDN form: " + e.getMessage(), e);
        }
    }

    /** Checks a key is one path segment. */
    static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.contains("/") || key.equals(".") || key.equals("..") || key.chars().anyMatch(c -> c < 0x20)) {
            throw new ConfigException("bad config key '" + key + "': it must be one non-empty name without '/'");
        }
        return key;
    }

    /** Stops watching; closes the ZooKeeper client when this config opened it. */
    @Override
    public void close() {
        store.close();
        if (ownsCurator) {
            curator.close();
        }
    }

    /** Configures and starts a {@link ClusterConfig}. */
    public static final class Builder {
        private ZooKeeperSettings zk = ZooKeeperSettings.defaults();
        private String app;

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

        /** A started Curator client to use instead of a connect string (not closed by the config). */
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

        /** The application name (required): one path segment. */
        public Builder app(String name) {
            this.app = name;
            return this;
        }

        /** The ZooKeeper session timeout (default 10 s). */
        public Builder sessionTimeout(Duration timeout) {
            zk = zk.withSessionTimeout(timeout);
            return this;
        }

        /** How long to wait for ZooKeeper at start (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            zk = zk.withConnectTimeout(timeout);
            return this;
        }

        /**
         * Connects, creates the app node when missing and reads every key.
         *
         * @throws ConfigException when ZooKeeper cannot be reached
         */
        public ClusterConfig start() {
            zk.validate();
            Objects.requireNonNull(app, "app");
            if (app.isEmpty() || app.contains("/")) {
                throw new IllegalArgumentException("bad app name: " + app);
            }
            String path = new ZkPaths(zk.root(), zk.cluster()).cluster() + "/config/" + app;
            ZooKeeperSettings.Connection zkc = null;
            ClusterConfig config = null;
            try {
                zkc = zk.connect();
                config = new ClusterConfig(zkc.curator(), zkc.owned(), path, zk.cluster(), app);
                config.store.start();
                return config;
            } catch (Exception e) {
                if (config != null) {
                    config.store.close();
                }
                if (zkc != null) {
                    zkc.close();
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new ConfigException("cannot read config " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
