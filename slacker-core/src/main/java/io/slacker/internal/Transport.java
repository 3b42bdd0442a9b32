package io.slacker.internal;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;

/**
 * The one place that picks the transport, for servers and clients alike: native epoll where it
 * is available (Linux with {@code netty-transport-native-epoll} on the class path), NIO
 * elsewhere or with {@code -Dslacker.noEpoll=true}.
 */
public final class Transport {
    private static final boolean EPOLL = !Boolean.getBoolean("slacker.noEpoll") && Epoll.isAvailable();

    private Transport() {
    }

    /** Whether new groups use epoll. */
    public static boolean epoll() {
        return EPOLL;
    }

    /** A new event loop group of daemon threads named {@code name-N}. */
    public static EventLoopGroup group(int threads, String name) {
        return group(threads, name, DefaultSelectStrategyFactory.INSTANCE);
    }

    /** A new event loop group of daemon threads named {@code name-N} that decide when to sleep with {@code strategy}. */
    public static EventLoopGroup group(int threads, String name, SelectStrategyFactory strategy) {
        IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory(0, strategy)
            : NioIoHandler.newFactory(SelectorProvider.provider(), strategy);
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
    }

    /** The server channel type for groups made by {@link #group}. */
    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The socket channel type that runs on {@code group}: epoll for an epoll group, else NIO. */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        if (Epoll.isAvailable() && group instanceof IoEventLoopGroup io && io.isCompatible(EpollIoHandle.class)) {
            return EpollSocketChannel.class;
        }
        return NioSocketChannel.class;
    }
}
