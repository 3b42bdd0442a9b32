package io.slacker.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.slacker.spi.ServerObserver;

/** First in a connection's pipeline: tells the observer the raw bytes read and written. */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {
    private final ServerObserver observer;

    ByteCounter(ServerObserver observer) {
        this.observer = observer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            observer.bytesReceived(b.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            observer.bytesSent(b.readableBytes());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        observer.connectionOpened(ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        observer.connectionClosed(ctx.channel().remoteAddress());
        ctx.fireChannelInactive();
    }
}
