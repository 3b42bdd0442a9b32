package io.slacker.cluster.internal.config;

import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ConfigConflictException;
import io.slacker.cluster.ConfigException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Writes config keys to ZooKeeper and records each write in the {@link ConfigStore} at once, so
 * the writer reads its own writes before the watch reports them.
 */
public final class ConfigWriter {
    private final CuratorFramework curator;
    private final ConfigStore store;

    /** Writes through {@code curator} into the store's app node. */
    public ConfigWriter(CuratorFramework curator, ConfigStore store) {
        this.curator = curator;
        this.store = store;
    }

    /** Sets a key (created when missing); returns the new version. */
    public int set(String key, byte[] data) {
        String p = store.keyPath(key);
        try {
            int version;
            try {
                version = curator.setData().forPath(p, data).getVersion();
            } catch (KeeperException.NoNodeException e) {
                try {
                    curator.create().creatingParentsIfNeeded().forPath(p, data);
                    version = 0;
                } catch (KeeperException.NodeExistsException e2) {
                    version = curator.setData().forPath(p, data).getVersion();
                }
            }
            store.written(key, data, version);
            return version;
        } catch (Exception e) {
            throw failed("set", key, e);
        }
    }

    /** Sets a key only at {@code expectedVersion} ({@link ClusterConfig#ABSENT}: only when missing). */
    public int compareAndSet(String key, byte[] data, int expectedVersion) {
        String p = store.keyPath(key);
        try {
            int version;
            if (expectedVersion == ClusterConfig.ABSENT) {
                curator.create().creatingParentsIfNeeded().forPath(p, data);
                version = 0;
            } else {
                version = curator.setData().withVersion(expectedVersion).forPath(p, data).getVersion();
            }
            store.written(key, data, version);
            return version;
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
            throw new ConfigConflictException(key, expectedVersion, currentVersion(p));
        } catch (KeeperException.NoNodeException e) {
            throw new ConfigConflictException(key, expectedVersion, ClusterConfig.ABSENT);
        } catch (Exception e) {
            throw failed("set", key, e);
        }
    }

    /** Deletes a key; whether it existed. */
    public boolean delete(String key) {
        try {
            curator.delete().forPath(store.keyPath(key));
            store.deleted(key);
            return true;
        } catch (KeeperException.NoNodeException e) {
            store.deleted(key);
            return false;
        } catch (Exception e) {
            throw failed("delete", key, e);
        }
    }

    private int currentVersion(String p) {
        try {
            Stat s = curator.checkExists().forPath(p);
            return s == null ? ClusterConfig.ABSENT : s.getVersion();
        } catch (Exception e) {
            return ClusterConfig.ABSENT;
        }
    }

    private static ConfigException failed(String what, String key, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String why = e instanceof KeeperException.ConnectionLossException || e instanceof KeeperException.SessionExpiredException
            ? "ZooKeeper unreachable" : e.toString();
        return new ConfigException("cannot " + what + " config key '" + key + "': " + why, e);
    }
}
