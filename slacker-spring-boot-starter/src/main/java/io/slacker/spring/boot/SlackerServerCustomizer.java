package io.slacker.spring.boot;

import io.slacker.SlackerServer;

/**
 * Customizes the builder of the server the starter starts, after the {@code slacker.server.*}
 * properties are applied (metrics, tracing, interceptors, TLS...). Declare beans of this type;
 * they run in their {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface SlackerServerCustomizer {
    /** Adjusts the builder. */
    void customize(SlackerServer.Builder server);
}
