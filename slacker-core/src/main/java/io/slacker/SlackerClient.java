package io.slacker;

import io.slacker.spi.ClientObserver;
import io.slacker.spi.ConnectionObserver;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.slacker.internal.client.Blocking;
import io.slacker.internal.client.ClientConfig;
import io.slacker.internal.client.ClientCore;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.protocol.InspectCommand;
import io.slacker.spi.Interceptor;
import io.slacker.spi.Serializers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A client of one slacker server: typed proxies of annotated interfaces, untyped calls, and
 * inspect requests ({@link SlackerCaller}), all over one connection on which calls are
 * multiplexed by transaction id.
 *
 * <pre>{@code
 * try (SlackerClient client = SlackerClient.builder().address("127.0.0.1:2104").build()) {
 *     ExampleApi api = client.proxy(ExampleApi.class);
 *     long t = api.timestamp();
 *     Object r = client.call("slacker.example.api", "rand-ints", List.of(5));
 * }
 * }</pre>
 *
 * <p><b>Connection.</b> Made on the first call (a v6 client sends its client-hello first and does
 * not wait for the answer). When it is lost, every call in flight fails at once with
 * {@link io.slacker.ConnectionBrokenException}; the next call connects again. A call made while
 * disconnected waits for the connect within its own timeout; if the attempt fails, it fails with
 * {@link io.slacker.ConnectionBrokenException}, and so does every call during the backoff that
 * follows a failed attempt (doubling from {@link Builder#reconnectBackoff} minimum to maximum).
 *
 * <p><b>Threads.</b> Nothing blocks except the synchronous proxy methods and {@code call}. Answers
 * are decoded, and futures and {@link io.slacker.Callback}s completed, on the client's I/O thread
 * unless a {@linkplain Builder#callbackExecutor callback executor} is set; code run there must not
 * block (a blocking call made on the I/O thread fails at once).
 *
 * <p><b>Errors.</b> All unchecked {@link SlackerException}s: remote exception, not found, thread
 * pool full, canceled, protocol error, timeout, connection broken, backlog overflow; a result that
 * does not decode is a plain {@link SlackerException} with the cause.
 */
public final class SlackerClient implements SlackerCaller {
    private final ClientCore core;

    private SlackerClient(ClientCore core) {
        this.core = core;
    }

    /** A builder with the defaults: content type clj, timeout 10 s, protocol v6, backlog 5000. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options) {
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(fn, "fn");
        return core.call(ns, fn, args, options);
    }

    @Override
    public Object call(String ns, String fn, List<?> args, CallOptions options) {
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(fn, "fn");
        return core.callBlocking(ns, fn, args, options);
    }

    @Override
    public void fireAndForget(String ns, String fn, List<?> args, CallOptions options) {
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(fn, "fn");
        core.fireAndForget(ns, fn, args, options);
    }

    /**
     * {@inheritDoc} The server matches {@code nsOrPrefix} as a plain string prefix of
     * {@code "ns/fn"}.
     */
    @Override
    public List<String> functions(String nsOrPrefix) {
        Object v = Blocking.await(core.inspect(InspectCommand.FUNCTIONS, nsOrPrefix));
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o));
            }
        } else if (v != null) {
            throw new SlackerException("inspect functions answered " + v.getClass().getName() + ", not a list");
        }
        return out;
    }

    @Override
    public Map<?, ?> meta(String fullName) {
        Object v = Blocking.await(core.inspect(InspectCommand.META, fullName));
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new SlackerException("inspect meta answered " + v.getClass().getName() + ", not a map");
    }

    /** The server's report on its connected clients (decoded EDN, a map as a rule). */
    public Object clients() {
        return Blocking.await(core.inspect(InspectCommand.CLIENTS, null));
    }

    /** The server's version string from its hello, or {@code null} before it arrived (or with v5). */
    public String serverVersion() {
        return core.serverVersion();
    }

    /** The server address, {@code host:port}. */
    public String address() {
        return core.config().address();
    }

    /** The default call timeout. */
    public Duration timeout() {
        return core.config().timeout();
    }

    /** Whether the connection is up now (the client connects on demand; this does not connect). */
    public boolean isConnected() {
        return core.isConnected();
    }

    /** The number of calls waiting for their answer. */
    public int inFlight() {
        return core.inFlight();
    }

    /** Closes the connection (failing calls in flight) and, unless it was given, the I/O threads. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "SlackerClient[" + address() + "]";
    }

    /** Collects the settings of a {@link SlackerClient}. */
    public static final class Builder {
        private String host;
        private int port = -1;
        private ContentType contentType = ContentType.CLJ;
        private Duration timeout = Duration.ofSeconds(10);
        private int protocolVersion = 6;
        private String clientName = "";
        private String clientVersion = io.slacker.Version.get();
        private final List<Interceptor> interceptors = new ArrayList<>();
        private int backlog = 5000;
        private Duration pingInterval = Duration.ofSeconds(60);
        private boolean interruptOnTimeout;
        private SslContext sslContext;
        private Serializers serializers;
        private EventLoopGroup eventLoopGroup;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration backoffMin = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);
        private Executor callbackExecutor;
        private int maxBody = FrameCodec.DEFAULT_MAX_BODY;
        private io.slacker.spi.ConnectionObserver connectionObserver = io.slacker.spi.ConnectionObserver.NONE;
        private ClientObserver observer = ClientObserver.NONE;

        private Builder() {
        }

        /** The server, {@code host:port} (IPv6 as {@code [::1]:2104}). Required. */
        public Builder address(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("address must be host:port: " + hostPort);
            }
            String h = hostPort.substring(0, colon);
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            return address(h, Integer.parseInt(hostPort.substring(colon + 1)));
        }

        /** The server. */
        public Builder address(String host, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /** The default content type of calls (default clj). */
        public Builder contentType(ContentType contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** The default call timeout (default 10 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Protocol version 6 (default: client-hello, extensions) or 5 (neither). */
        public Builder protocolVersion(int version) {
            if (version != 5 && version != 6) {
                throw new IllegalArgumentException("protocol version must be 5 or 6: " + version);
            }
            this.protocolVersion = version;
            return this;
        }

        /** The name sent in the client-hello (default empty). */
        public Builder clientName(String name) {
            this.clientName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The version string sent in the client-hello (default: this library's version). */
        public Builder clientVersion(String version) {
            this.clientVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Adds an interceptor; several run as {@link Interceptor#chain} does. */
        public Builder interceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Reports connects, reconnects and lost connections to this observer (default: none). */
        public Builder connectionObserver(ConnectionObserver observer) {
            this.connectionObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Reports every call's outcome and duration, and every fire-and-forget call sent, to this
         * observer (default: none, and then the client adds no work per call). Metrics libraries bind
         * through it, e.g. {@code SlackerMetrics.bind(builder, registry)} of {@code slacker-micrometer}.
         */
        public Builder observer(ClientObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Sends each v6 call's deadline (now + its timeout, epoch ms) in extension
         * {@code extensionId}: adds a {@link DeadlineInterceptor} at this point of the chain.
         */
        public Builder deadline(int extensionId) {
            return interceptor(new DeadlineInterceptor(extensionId));
        }

        /** The most calls in flight (default 5000); more fail at once with {@link io.slacker.BacklogOverflowException}. */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be positive");
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Sends a ping at this interval; a pong missing at the next tick closes the connection
         * (default 60 s, which keeps an idle connection open under the server's idle timeout;
         * {@code null} turns pings off).
         */
        public Builder pingInterval(Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("ping interval must be positive");
            }
            this.pingInterval = interval;
            return this;
        }

        /** Whether a timed-out call sends an interrupt to the server (default false). */
        public Builder interruptOnTimeout(boolean interrupt) {
            this.interruptOnTimeout = interrupt;
            return this;
        }

        /** TLS: a client {@link SslContext}. */
        public Builder sslContext(SslContext sslContext) {
            if (sslContext != null && sslContext.isServer()) {
                throw new IllegalArgumentException("a client SslContext is needed");
            }
            this.sslContext = sslContext;
            return this;
        }

        /** The serializers (default {@link Serializers#defaults()}); inspect needs clj. */
        public Builder serializers(Serializers serializers) {
            this.serializers = Objects.requireNonNull(serializers, "serializers");
            return this;
        }

        /**
         * Runs the client on this event loop group, which the client does not shut down: an epoll
         * group gets epoll channels, any other group NIO channels. Default: a group of one daemon
         * thread owned by the client, epoll where available (else NIO; {@code -Dslacker.noEpoll=true}
         * forces NIO).
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /** The TCP connect timeout (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** The backoff after failed connect attempts, doubling from {@code min} to {@code max} (default 100 ms .. 5 s). */
        public Builder reconnectBackoff(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("need 0 <= min <= max");
            }
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /** Where answers are decoded and futures/callbacks completed (default: the I/O thread). */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /**
         * The largest frame body accepted from the server, and sent to it (default 16 MiB): a call
         * whose encoded arguments and extensions are larger fails with
         * {@link io.slacker.FrameTooLargeException} before anything is sent.
         */
        public Builder maxBodySize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes < 0");
            }
            this.maxBody = bytes;
            return this;
        }

        /** A builder with the same settings, to change without touching this one (e.g. a template for many servers). */
        public Builder copy() {
            Builder b = new Builder();
            b.host = host;
            b.port = port;
            b.contentType = contentType;
            b.timeout = timeout;
            b.protocolVersion = protocolVersion;
            b.clientName = clientName;
            b.clientVersion = clientVersion;
            b.interceptors.addAll(interceptors);
            b.backlog = backlog;
            b.pingInterval = pingInterval;
            b.interruptOnTimeout = interruptOnTimeout;
            b.sslContext = sslContext;
            b.serializers = serializers;
            b.eventLoopGroup = eventLoopGroup;
            b.connectTimeout = connectTimeout;
            b.backoffMin = backoffMin;
            b.backoffMax = backoffMax;
            b.callbackExecutor = callbackExecutor;
            b.maxBody = maxBody;
            b.connectionObserver = connectionObserver;
            b.observer = observer;
            return b;
        }

        /** The client (it connects on its first call). */
        public SlackerClient build() {
            io.slacker.internal.NettyVersionCheck.require();
            if (host == null) {
                throw new IllegalStateException("address is required");
            }
            ClientConfig cfg = new ClientConfig(host, port, contentType, timeout, protocolVersion, clientName, clientVersion,
                Interceptor.chain(interceptors), backlog, pingInterval, interruptOnTimeout, sslContext,
                serializers != null ? serializers : Serializers.defaults(), connectTimeout, backoffMin, backoffMax,
                callbackExecutor, maxBody, connectionObserver, observer);
            if (!cfg.serializers().supports(contentType)) {
                throw new IllegalStateException(Serializers.unsupportedReason(contentType));
            }
            boolean own = eventLoopGroup == null;
            EventLoopGroup g = own
                ? io.slacker.internal.Transport.group(1, "slacker-client")
                : eventLoopGroup;
            return new SlackerClient(new ClientCore(cfg, g, own));
        }
    }
}
