package io.slacker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shared transport choice: a client runs on NIO and on epoll groups, with channels of the group's kind. */
class TransportTest {

    private static void callsThrough(EventLoopGroup group) {
        SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("t", Map.of("echo", args -> args.get(0))).start();
        try (SlackerClient client = SlackerClient.builder().address("127.0.0.1:" + server.port()).eventLoopGroup(group)
                .build()) {
            assertThat(client.call("t", "echo", List.of("over " + group))).isEqualTo("over " + group);
            assertThat(client.callAsync("t", "echo", List.of(42L), null).join()).isEqualTo(42L);
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    private static void onGroup(IoHandlerFactory factory, Class<?> expectedChannel) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, factory);
        try {
            assertThat(Transport.socketChannel(group)).isEqualTo(expectedChannel);
            callsThrough(group);
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aNioGroupGetsNioChannelsAndCalls() {
        onGroup(NioIoHandler.newFactory(), NioSocketChannel.class);
    }

    @Test
    void anEpollGroupGetsEpollChannelsAndCalls() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        onGroup(EpollIoHandler.newFactory(), EpollSocketChannel.class);
    }

    @Test
    void ownGroupsFollowTheEpollSwitch() {
        EventLoopGroup own = Transport.group(1, "transport-test");
        try {
            Class<?> expected = Transport.epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
            assertThat(Transport.socketChannel(own)).isEqualTo(expected);
        } finally {
            own.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
