package io.slacker.internal.server;

import io.netty.handler.ssl.SslContext;
import io.slacker.spi.Interceptor;
import io.slacker.spi.ServerObserver;
import io.slacker.spi.Serializers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A server's settings, fixed when it starts: what {@link io.slacker.SlackerServer.Builder}
 * collected, copied, so that changing the builder afterwards changes nothing that runs.
 *
 * @param registry   the exposed functions (immutable)
 * @param executors  namespaces run on executors the caller owns
 * @param ownedPools namespaces run on pools of their own: {@code {threads, queueSize}}
 * @param onIoThread namespaces run right on the I/O thread
 */
public record ServerConfig(
    FunctionRegistry registry,
    Map<String, ExecutorService> executors,
    Map<String, PoolSize> ownedPools,
    Set<String> onIoThread,
    Interceptor interceptor,
    ServerObserver observer,
    Map<String, HttpGet> httpGets,
    String host,
    int port,
    int httpPort,
    int threads,
    int queueSize,
    int ioThreads,
    int maxFrameBody,
    int writeBufferHigh,
    Serializers serializers,
    String version,
    boolean sendStackTraces,
    SslContext sslContext,
    Duration shutdownTimeout,
    Duration frameReadTimeout,
    Duration idleTimeout,
    int maxConnections,
    long inboundBudget,
    Duration ioPoll) {

    /** Copies the collections. */
    public ServerConfig {
        executors = Map.copyOf(executors);
        ownedPools = Map.copyOf(ownedPools);
        onIoThread = Set.copyOf(onIoThread);
        httpGets = Map.copyOf(httpGets);
    }

    /** A pool's size. */
    public record PoolSize(int threads, int queueSize) {
    }
}
