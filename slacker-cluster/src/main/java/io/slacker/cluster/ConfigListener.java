package io.slacker.cluster;

/**
 * Told about each change of a {@link ClusterConfig} key, in order, on the config's event thread
 * (do not block it for long). A listener that throws is logged and stays registered.
 */
@FunctionalInterface
public interface ConfigListener {
    /** One key changed. */
    void changed(ConfigChange change);
}
