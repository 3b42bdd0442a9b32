package io.slacker.cluster;

/** Told when a server's data in the registry changes. Runs on the ZooKeeper event thread: keep it short. */
@FunctionalInterface
public interface ServerDataListener {
    /**
     * @param address {@code host:port}
     * @param data    the decoded new data, or {@code null} when the server left the registry
     * @param removed whether the server left the registry
     */
    void changed(String address, Object data, boolean removed);
}
