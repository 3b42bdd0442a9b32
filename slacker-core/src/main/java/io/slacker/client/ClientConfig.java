package io.slacker.client;

import io.netty.handler.ssl.SslContext;
import io.slacker.ContentType;
import io.slacker.interceptor.ConnectionObserver;
import io.slacker.interceptor.DeadlineInterceptor;
import io.slacker.interceptor.Interceptor;
import io.slacker.serialization.Serializers;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The settings of one client, as the builder collected them. */
record ClientConfig(
    String host,
    int port,
    ContentType contentType,
    Duration timeout,
    int protocolVersion,
    String clientName,
    String clientVersion,
    Interceptor interceptor,
    DeadlineInterceptor deadline,
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
    ConnectionObserver connectionObserver) {

    /** {@code host:port}. */
    String address() {
        return host + ":" + port;
    }
}
