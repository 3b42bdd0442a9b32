package io.slacker.gateway.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slacker.internal.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The Netty side: HTTP/1.1 codec with size limits, aggregation with a body limit, one {@link GatewayHandler} per connection. */
final class HttpServer {
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;

    HttpServer(GatewayServer.Settings s, GatewayRuntime runtime) {
        boss = Transport.group(1, "slacker-gateway-accept");
        io = Transport.group(s.ioThreads(), "slacker-gateway-io");
        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(s.maxInitialLine())
            .setMaxHeaderSize(s.maxHeaderSize());
        try {
            server = new ServerBootstrap().group(boss, io).channel(Transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(decoder), new BodyLimit(s.maxBody()),
                            new GatewayHandler(runtime));
                    }
                }).bind(s.host(), s.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    /** The aggregator, answering an oversized body with a JSON 413 and closing the connection. */
    private static final class BodyLimit extends HttpObjectAggregator {
        BodyLimit(int maxBody) {
            super(maxBody);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (oversized instanceof HttpRequest) {
                Responses.error(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                    "request body over " + maxContentLength() + " bytes", false);
            } else {
                super.handleOversizedMessage(ctx, oversized);
            }
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops accepting connections. */
    void unbind() {
        server.close().syncUninterruptibly();
    }

    /** Closes every connection and the event loops. */
    void shutdown() {
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
