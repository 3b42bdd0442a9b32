package io.slacker.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.slacker.ConnectedClient;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.ResultCode;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol logic: hello, ping, requests, inspect, interrupt; anything a server
 * does not accept gets an invalid-packet error frame. One instance per connection.
 */
final class ServerHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerHandler.class);

    private final ServerContext server;
    private final CallTracker calls;
    private Outbox outbox;

    ServerHandler(ServerContext server) {
        this.server = server;
        this.calls = new CallTracker(server.gate());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        outbox = new Outbox(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        server.clients().put(ch, new ConnectedClient(ch.remoteAddress(), "", "", Instant.now()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.clients().remove(ctx.channel());
        calls.abandonAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // a client that does not read its responses stops being read from: bounded memory
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        Channel ch = ctx.channel();
        switch (frame.type()) {
            case REQUEST -> request(ch, (Frame.Request) frame);
            case PING -> ch.writeAndFlush(new Frame.Pong(frame.version(), frame.tid()));
            case CLIENT_HELLO -> {
                Frame.ClientHello h = (Frame.ClientHello) frame;
                Map<Channel, ConnectedClient> clients = server.clients();
                ConnectedClient c = clients.get(ch);
                if (c != null) {
                    clients.put(ch, new ConnectedClient(c.address(), h.clientName(), h.clientVersion(), c.connectedOn()));
                }
                ch.writeAndFlush(new Frame.ServerHello(Frame.V6, frame.tid(), server.version()));
            }
            case INSPECT_REQ -> inspect(ch, (Frame.InspectRequest) frame);
            case INTERRUPT -> {
                if (!calls.interrupt(((Frame.Interrupt) frame).targetTid())) {
                    LOG.debug("interrupt for tid {} that is not running", ((Frame.Interrupt) frame).targetTid());
                }
            }
            default -> ch.writeAndFlush(new Frame.Error(frame.version(), frame.tid(), ResultCode.INVALID_PACKET));
        }
    }

    private void request(Channel ch, Frame.Request r) {
        TrackedCall call = new TrackedCall(calls, outbox, r);
        if (!calls.start(call)) {
            // graceful stop: new calls are refused, in-flight ones finish
            ch.writeAndFlush(new Frame.Error(r.version(), r.tid(), ResultCode.THREAD_POOL_FULL));
            return;
        }
        server.processor().process(r.fname(), r.contentTypeCode(), r.data(), r.extensions(), r.version(),
            ch.remoteAddress(), call);
    }

    private void inspect(Channel ch, Frame.InspectRequest r) {
        byte[] answer;
        try {
            answer = server.inspector().answer(r.commandCode(), r.data(), server.clients().values());
        } catch (RuntimeException e) {
            LOG.debug("inspect from {} refused: {}", ch.remoteAddress(), e.toString());
            ch.writeAndFlush(new Frame.Error(r.version(), r.tid(), ResultCode.INVALID_PACKET));
            return;
        }
        if (answer.length > 0xFFFF) {
            LOG.warn("inspect answer of {} bytes does not fit the protocol's 16-bit length; refused", answer.length);
            ch.writeAndFlush(new Frame.Error(r.version(), r.tid(), ResultCode.INVALID_PACKET));
            return;
        }
        ch.writeAndFlush(new Frame.InspectAck(r.version(), r.tid(), answer));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
