package io.slacker.examples.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of {@link RpcBenchmark}: a plain Netty echo server and client on the loopback
 * (epoll where available, see {@link BenchTransport}), messages framed by a 4-byte length
 * ({@link LengthFieldBasedFrameDecoder}), with no serialization and no protocol.
 *
 * <p>The server either echoes each frame as it came on its I/O thread (write in
 * {@code channelRead}, one flush per read burst in {@code channelReadComplete}: the best Netty
 * can do), or, with a worker pool, hands every frame to a pool thread which writes and flushes it
 * back, the way a slacker server runs each call on its worker pool. The client queues frames from
 * the callers' threads and writes them on its event loop, one flush per batch (one wake-up of
 * the loop, not one per frame), and matches echoes to requests in order (the echo of one
 * connection comes back in request order), completing one callback per message: the least
 * plumbing an RPC client needs.
 */
final class RawEcho {
    private RawEcho() {
    }

    /** Whole frames, the 4-byte length included: the server echoes a frame as it came. */
    private static LengthFieldBasedFrameDecoder frames() {
        return new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 0);
    }

    /** A raw echo server on 127.0.0.1 (a free port). */
    static final class Server implements AutoCloseable {
        private final EventLoopGroup boss;
        private final EventLoopGroup io;
        private final ExecutorService workers;
        private final Channel channel;

        /**
         * Starts the server.
         *
         * @param ioThreads event loop threads for the connections (0: Netty's default)
         * @param workers   0 to echo on the I/O thread, else the size of the worker pool that echoes
         */
        Server(int ioThreads, int workers) throws InterruptedException {
            this.boss = BenchTransport.group(1, "raw-accept");
            this.io = BenchTransport.serverGroup(ioThreads, "raw-io");
            this.workers = workers > 0
                ? Executors.newFixedThreadPool(workers, new DefaultThreadFactory("raw-worker", true)) : null;
            ServerBootstrap b = new ServerBootstrap().group(boss, io).channel(BenchTransport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(frames());
                        ch.pipeline().addLast(Server.this.workers == null ? new DirectEcho() : new PooledEcho(Server.this.workers));
                    }
                });
            this.channel = b.bind("127.0.0.1", 0).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            if (workers != null) {
                workers.shutdownNow();
            }
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Echoes on the I/O thread; one flush per read burst. */
    private static final class DirectEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Echoes from a worker thread: one task and one write-and-flush per message. */
    private static final class PooledEcho extends ChannelInboundHandlerAdapter {
        private final ExecutorService workers;

        PooledEcho(ExecutorService workers) {
            this.workers = workers;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            workers.execute(() -> ctx.writeAndFlush(msg));
        }
    }

    /** What to do with one echo. */
    @FunctionalInterface
    interface Completion {
        /** Called on the client's I/O thread with the echoed frame, length included (released afterwards). */
        void done(ByteBuf echo);
    }

    /** One client connection. Sends from any thread; in-order matching of echoes to completions. */
    static final class Client implements AutoCloseable {
        private final Channel channel;
        private final Queue<Completion> waiting = new ConcurrentLinkedQueue<>();
        private final Queue<ByteBuf> outbound = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean drainScheduled = new AtomicBoolean();
        private final Runnable drain = this::drain;
        private final LongAdder errors = new LongAdder();

        /** Connects to the server on {@code port} with an event loop of {@code group} (of {@link BenchTransport}). */
        Client(EventLoopGroup group, int port) throws InterruptedException {
            Bootstrap b = new Bootstrap().group(group).channel(BenchTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(frames());
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                Completion c = waiting.poll();
                                if (c == null) {
                                    errors.increment();
                                    return;
                                }
                                c.done(msg);
                            }
                        });
                    }
                });
            this.channel = b.connect("127.0.0.1", port).sync().channel();
        }

        /**
         * Sends the payload; {@code completion} runs when its echo arrives. Calls on one client
         * must come from one thread at a time (the order of sends is the order of echoes).
         */
        void send(byte[] payload, Completion completion) {
            waiting.add(completion);
            outbound.add(channel.alloc().ioBuffer(4 + payload.length).writeInt(payload.length).writeBytes(payload));
            if (drainScheduled.compareAndSet(false, true)) {
                channel.eventLoop().execute(drain);
            }
        }

        /** On the event loop: writes what the callers queued, one flush for all of it. */
        private void drain() {
            drainScheduled.set(false); // a send from now on schedules the next drain
            ByteBuf buf;
            while ((buf = outbound.poll()) != null) {
                channel.write(buf, channel.voidPromise());
            }
            channel.flush();
        }

        /** Sends the payload and waits for its echo: a blocking round trip. */
        void roundTrip(byte[] payload) throws Exception {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            send(payload, echo -> f.complete(echo.readableBytes()));
            if (f.get(10, TimeUnit.SECONDS) != 4 + payload.length) {
                errors.increment();
            }
        }

        /** Echoes that matched no request or had the wrong length. */
        long errors() {
            return errors.sum();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            for (ByteBuf buf = outbound.poll(); buf != null; buf = outbound.poll()) {
                buf.release();
            }
        }
    }
}
