package io.slacker.internal.protocol;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an {@link InvalidFrame} with the error frame it calls for (protocol-mismatch or
 * invalid-packet, echoing the tid) and closes the connection when the stream cannot go on.
 * Everything else passes through. Sits right after the {@link FrameDecoder} on the server side.
 */
@ChannelHandler.Sharable
public final class InvalidFrameHandler extends ChannelInboundHandlerAdapter {
    /** The shared instance. */
    public static final InvalidFrameHandler INSTANCE = new InvalidFrameHandler();

    private static final Logger LOG = LoggerFactory.getLogger(InvalidFrameHandler.class);

    private InvalidFrameHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InvalidFrame invalid)) {
            ctx.fireChannelRead(msg);
            return;
        }
        MalformedFrameException e = invalid.error();
        LOG.debug("invalid frame from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
        var write = ctx.writeAndFlush(e.toErrorFrame());
        if (!e.recoverable()) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
