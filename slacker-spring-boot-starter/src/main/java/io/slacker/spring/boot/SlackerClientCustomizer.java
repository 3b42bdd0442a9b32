package io.slacker.spring.boot;

import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;

/**
 * Customizes the clients the starter makes, after the {@code slacker.client.*} and
 * {@code slacker.cluster.*} properties are applied: the direct client (or the template of every
 * server's client in a cluster) and the cluster client. Declare beans of this type; they run in
 * their {@link org.springframework.core.Ordered order}.
 */
public interface SlackerClientCustomizer {
    /** Adjusts the direct client's builder, or the cluster client's template of server clients. */
    default void customize(SlackerClient.Builder client) {
    }

    /** Adjusts the cluster client's builder. */
    default void customize(ClusterClient.Builder cluster) {
    }
}
