package io.slacker.internal.client;

import io.netty.handler.ssl.SslContext;
import io.slacker.ContentType;
import io.slacker.spi.Interceptor;
import io.slacker.spi.Serializers;
import io.slacker.spi.ClientObserver;
import io.slacker.spi.ConnectionObserver;
import io.slacker.DeadlineInterceptor;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The settings of one client, as the builder collected them. */
public record ClientConfig(
    String host,
    int port,
    ContentType contentType,
    Duration timeout,
    int protocolVersion,
    String clientName,
    String clientVersion,
    Interceptor interceptor,
    int backlog,
    Duration pingInterval,
    boolean interruptOnTimeout,
    SslContext sslContext,
    Serializers serializers,
    Duration connectTimeout,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    Executor callbackExecutor,
    int maxBody,
    ConnectionObserver connectionObserver,
    ClientObserver observer) {

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }
}
