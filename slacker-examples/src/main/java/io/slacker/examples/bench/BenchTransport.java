package io.slacker.examples.bench;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.slacker.internal.PollBeforeSleep;
import java.nio.channels.spi.SelectorProvider;

/**
 * The transport of the benchmark's raw Netty echo: native epoll where it is available (Linux
 * x86_64 with {@code netty-transport-native-epoll}), NIO elsewhere or with
 * {@code -Dbench.nio=true}.
 */
final class BenchTransport {
    private static final boolean EPOLL = !Boolean.getBoolean("bench.nio") && Epoll.isAvailable();

    private BenchTransport() {
    }

    /** {@code epoll} or {@code nio}. */
    static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /**
     * An event loop group of daemon threads named {@code name-...}.
     *
     * @param threads 0 for Netty's default (twice the CPUs)
     */
    static EventLoopGroup group(int threads, String name) {
        return group(threads, name, DefaultSelectStrategyFactory.INSTANCE);
    }

    /**
     * A server's event loop group: polls before it sleeps, as a slacker server with
     * {@code ioPoll} does, when {@link #ioPollMicros()} is set.
     */
    static EventLoopGroup serverGroup(int threads, String name) {
        long poll = ioPollMicros() * 1000;
        return group(threads, name, poll > 0 ? PollBeforeSleep.factory(poll) : DefaultSelectStrategyFactory.INSTANCE);
    }

    private static EventLoopGroup group(int threads, String name, SelectStrategyFactory strategy) {
        IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory(0, strategy)
            : NioIoHandler.newFactory(SelectorProvider.provider(), strategy);
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
    }

    /** How long the servers' I/O threads poll before they sleep ({@code -Dbench.ioPollMicros}, default 0). */
    static long ioPollMicros() {
        return Long.getLong("bench.ioPollMicros", 0);
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
