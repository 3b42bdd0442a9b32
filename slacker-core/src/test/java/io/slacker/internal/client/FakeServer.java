package io.slacker.internal.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.protocol.FrameEncoder;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.internal.serialization.edn.EdnSerializer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protocol-level fake server on loopback for the client tests: decodes frames (keeping each
 * frame's exact bytes), records them, and lets a {@link Behavior} answer. Not a slacker server.
 */
final class FakeServer implements AutoCloseable {
    /** A frame as received, with its exact bytes. */
    record Received(Frame frame, byte[] raw, Channel channel) {
    }

    /** What the server does with each received frame. */
    @FunctionalInterface
    interface Behavior {
        void on(Received r);
    }

    /** The server-hello the Clojure server sends (version 0.18.0-SNAPSHOT). */
    static final Frame.ServerHello HELLO = new Frame.ServerHello(6, 0, "0.18.0-SNAPSHOT");

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    volatile Behavior behavior;

    FakeServer(Behavior behavior) throws InterruptedException {
        this(0, null, behavior);
    }

    FakeServer(int port, SslContext ssl, Behavior behavior) throws InterruptedException {
        this.behavior = behavior;
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    children.add(ch);
                    if (ssl != null) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline().addLast(new RawFrameDecoder(), FrameEncoder.INSTANCE, new SimpleChannelInboundHandler<Received>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, Received r) {
                            Received withChannel = new Received(r.frame(), r.raw(), ctx.channel());
                            received.add(withChannel);
                            FakeServer.this.behavior.on(withChannel);
                        }
                    });
                }
            });
        b.option(io.netty.channel.ChannelOption.SO_REUSEADDR, true);
        server = b.bind("127.0.0.1", port).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /** The next received frame of this type, waiting up to 5 s. */
    Received next(Class<? extends Frame> type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            Received r = received.poll(50, TimeUnit.MILLISECONDS);
            if (r != null && type.isInstance(r.frame())) {
                return r;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " received");
    }

    /** Closes every accepted connection (the listening socket stays). */
    void dropConnections() {
        children.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        children.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- answering helpers ----

    /** Answers a request with a value in its content type (EDN), echoing its extensions. */
    static void respond(Received r, Object value) {
        Frame.Request q = (Frame.Request) r.frame();
        r.channel().writeAndFlush(new Frame.Response(q.version(), q.tid(), q.contentTypeCode(), ResultCode.SUCCESS.code(),
            EdnSerializer.standard().serialize(value), q.extensions()));
    }

    /** Answers a request with a result code and raw payload. */
    static void respond(Received r, ResultCode code, byte[] data) {
        Frame.Request q = (Frame.Request) r.frame();
        r.channel().writeAndFlush(new Frame.Response(q.version(), q.tid(), q.contentTypeCode(), code.code(), data, q.extensions()));
    }

    /** The decoded argument vector of a request. */
    @SuppressWarnings("unchecked")
    static List<Object> args(Received r) {
        return (List<Object>) EdnSerializer.standard().deserialize(((Frame.Request) r.frame()).data());
    }

    /**
     * A small slacker-like server: hello, pong, inspect (functions / meta / clients), and the
     * functions {@code echo} (first argument, or the vector of two), {@code add}, {@code fail}
     * (exception), {@code silent} (no answer); anything else is not found.
     */
    static Behavior standard() {
        return r -> {
            Frame f = r.frame();
            if (f instanceof Frame.ClientHello) {
                r.channel().writeAndFlush(HELLO);
            } else if (f instanceof Frame.Ping p) {
                r.channel().writeAndFlush(new Frame.Pong(p.version(), 0));
            } else if (f instanceof Frame.InspectRequest i) {
                String answer = switch (i.command()) {
                    case FUNCTIONS -> "(\"test.api/echo\" \"test.api/add\")";
                    case META -> "{:name echo, :doc \"echoes\", :arglists ([x])}";
                    case CLIENTS -> "{:connected-clients ({:addr \"/127.0.0.1:1\", :name \"\"}), :version \"0.18.0-SNAPSHOT\"}";
                };
                r.channel().writeAndFlush(new Frame.InspectAck(i.version(), i.tid(), answer.getBytes()));
            } else if (f instanceof Frame.Request q) {
                String fn = q.fname().substring(q.fname().indexOf('/') + 1);
                List<Object> args = args(r);
                switch (fn) {
                    case "echo" -> respond(r, args.size() == 1 ? args.get(0) : args);
                    case "add" -> respond(r, args.stream().mapToLong(a -> ((Number) a).longValue()).sum());
                    case "fail" -> respond(r, ResultCode.EXCEPTION, "\"java.lang.RuntimeException: boom\"".getBytes());
                    case "silent" -> { }
                    default -> r.channel().writeAndFlush(new Frame.Error(q.version(), q.tid(), ResultCode.NOT_FOUND));
                }
            }
        };
    }

    /** Splits the stream into frames, keeping each frame's bytes. */
    private static final class RawFrameDecoder extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int start = in.readerIndex();
            Frame f = FrameCodec.decode(in, FrameCodec.DEFAULT_MAX_BODY);
            if (f != null) {
                out.add(new Received(f, ByteBufUtil.getBytes(in, start, in.readerIndex() - start), null));
            }
        }
    }

    /** Writes raw bytes to a channel. */
    static void writeRaw(Channel ch, byte[] bytes) {
        ch.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
}
