package io.slacker.cluster.internal.config;

import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ConfigChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory copy of one application's config node, kept current by plain ZooKeeper watches
 * (one children watch on the app node, one data watch per key; they work on ZooKeeper 3.5 too).
 * Every read of ZooKeeper and every listener notification runs on one event thread, in order.
 * While ZooKeeper is unreachable the copy keeps its last values; on every reconnection (a new
 * session included, whose watches are gone) the whole node is read again, which re-arms the
 * watches and reports what changed meanwhile.
 */
public final class ConfigStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final CuratorFramework curator;
    private final String path;
    private final Consumer<ConfigChange> listener;
    private final ExecutorService events;
    private final Map<String, ConfigEntry> entries = new TreeMap<>();
    private final Watcher childWatcher = this::childEvent;
    private final Watcher dataWatcher = this::dataEvent;
    private final ConnectionStateListener stateListener = this::stateChanged;
    private volatile boolean closed;

    /**
     * @param curator  a started client
     * @param path     the application's config node
     * @param listener told about each change, on the event thread
     */
    public ConfigStore(CuratorFramework curator, String path, Consumer<ConfigChange> listener) {
        this.curator = curator;
        this.path = path;
        this.listener = listener;
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slacker-config " + path);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the app node when missing and reads every key (watches armed) before returning; the
     * keys found are reported to the listener as created.
     */
    public void start() throws Exception {
        curator.getConnectionStateListenable().addListener(stateListener);
        try {
            curator.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // already there
        }
        Future<?> f = events.submit(() -> {
            reload();
            return null;
        });
        try {
            f.get();
            // the initial read's notifications are done: listeners added after start see changes only
            events.submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** The app node. */
    public String path() {
        return path;
    }

    /** The node of a key. */
    public String keyPath(String key) {
        return path + "/" + key;
    }

    /** The entry of a key, or null. */
    public synchronized ConfigEntry get(String key) {
        return entries.get(key);
    }

    /** Every entry, by key. */
    public synchronized Map<String, ConfigEntry> entries() {
        return new TreeMap<>(entries);
    }

    /** Records a value just written by this client (read-your-writes before the watch fires). */
    public synchronized void written(String key, byte[] data, int version) {
        ConfigEntry old = entries.get(key);
        if (old == null || old.version() < version) {
            put(key, ConfigEntry.decode(data, version));
        }
    }

    /** Records a key just deleted by this client. */
    public synchronized void deleted(String key) {
        remove(key);
    }

    private void childEvent(WatchedEvent e) {
        if (e.getType() != Watcher.Event.EventType.None) {
            submit(this::reload);
        }
    }

    private void dataEvent(WatchedEvent e) {
        if (e.getType() != Watcher.Event.EventType.None && e.getPath() != null) {
            String key = e.getPath().substring(e.getPath().lastIndexOf('/') + 1);
            submit(() -> refresh(key));
        }
    }

    private void stateChanged(CuratorFramework client, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            LOG.debug("config {}: reconnected, reading every key again", path);
            submit(this::reload);
        }
    }

    private void submit(ZkTask task) {
        if (closed) {
            return;
        }
        try {
            events.execute(() -> {
                if (closed) {
                    return;
                }
                try {
                    task.run();
                } catch (Exception ex) {
                    // connection trouble: the reload on reconnection catches up
                    LOG.debug("config {}: {}", path, ex.toString());
                }
            });
        } catch (RejectedExecutionException ex) {
            // closing
        }
    }

    /** Reads the key list and every key, arming the watches. */
    private void reload() throws Exception {
        List<String> keys;
        try {
            keys = curator.getChildren().usingWatcher(childWatcher).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // the app node was deleted: watch for its return
            curator.checkExists().usingWatcher(childWatcher).forPath(path);
            keys = List.of();
        }
        Set<String> present = new HashSet<>(keys);
        synchronized (this) {
            for (String k : new ArrayList<>(entries.keySet())) {
                if (!present.contains(k)) {
                    remove(k);
                }
            }
        }
        for (String k : keys) {
            refresh(k);
        }
    }

    /** Reads one key, arming its data watch. */
    private void refresh(String key) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = curator.getData().storingStatIn(stat).usingWatcher(dataWatcher).forPath(keyPath(key));
        } catch (KeeperException.NoNodeException e) {
            synchronized (this) {
                remove(key);
            }
            return;
        }
        synchronized (this) {
            ConfigEntry old = entries.get(key);
            ConfigEntry now = ConfigEntry.decode(data, stat.getVersion());
            if (old == null || old.version() != now.version() || !Objects.equals(old.text(), now.text())) {
                put(key, now);
            }
        }
    }

    // callers hold the lock: notifications are queued in the order of the changes
    private void put(String key, ConfigEntry now) {
        ConfigEntry old = entries.put(key, now);
        notify(new ConfigChange(key, old == null ? null : old.value(), now.value(), now.version()));
    }

    private void remove(String key) {
        ConfigEntry old = entries.remove(key);
        if (old != null) {
            notify(new ConfigChange(key, old.value(), null, ClusterConfig.ABSENT));
        }
    }

    private void notify(ConfigChange change) {
        try {
            events.execute(() -> {
                try {
                    listener.accept(change);
                } catch (RuntimeException ex) {
                    LOG.warn("config listener failed on {}: {}", change.key(), ex.toString(), ex);
                }
            });
        } catch (RejectedExecutionException ex) {
            // closing
        }
    }

    /** Stops watching (the Curator client is left alone). */
    @Override
    public void close() {
        closed = true;
        curator.getConnectionStateListenable().removeListener(stateListener);
        events.shutdownNow();
    }

    @FunctionalInterface
    private interface ZkTask {
        void run() throws Exception;
    }
}
