package io.slacker.cluster;

/**
 * One change of a {@link ClusterConfig} key, as seen by a {@link ConfigListener}.
 *
 * @param key      the key
 * @param oldValue the value before (null when the key was created or held invalid EDN)
 * @param newValue the value after (null when the key was deleted or holds invalid EDN)
 * @param version  the ZooKeeper version of the new value ({@link ClusterConfig#ABSENT} when deleted)
 */
public record ConfigChange(String key, Object oldValue, Object newValue, int version) {
    /** Whether the key was deleted. */
    public boolean deleted() {
        return version == ClusterConfig.ABSENT;
    }
}
