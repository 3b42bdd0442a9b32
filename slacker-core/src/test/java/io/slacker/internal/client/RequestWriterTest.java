package io.slacker.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.slacker.CallOptions;
import io.slacker.ConnectionBrokenException;
import io.slacker.ContentType;
import io.slacker.internal.call.CallState;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameDecoder;
import io.slacker.internal.serialization.edn.EdnSerializer;
import io.slacker.spi.ClientObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestWriter} over a real connection to the fake server, with the client's event loop
 * held while calls queue up: what queued goes out in one write, and a batch whose write fails (or
 * whose calls were failed meanwhile) fails each of its calls exactly once.
 */
class RequestWriterTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final PendingCalls pending = new PendingCalls(5000);
    private final AtomicInteger writes = new AtomicInteger();
    private FakeServer server;
    private Channel channel;
    private RequestWriter writer;
    /** The calls of the last {@link #queueWhileHeld}, for its {@code whileHeld} step. */
    private volatile List<CountedCall> queued;

    /** A call that counts how often it is completed. */
    private static final class CountedCall extends FrameCall {
        final AtomicInteger completions = new AtomicInteger();

        CountedCall(int tid) {
            this(tid, (long) tid);
        }

        CountedCall(int tid, Object arg) {
            super(new Frame.Request(6, tid, ContentType.CLJ, "test.api/echo", EdnSerializer.standard().serialize(List.of(arg)),
                List.of()), "test.api/echo", 60_000, false);
        }

        @Override
        void answered(Frame frame) {
            completions.incrementAndGet();
            super.answered(frame);
        }

        @Override
        void failed(Throwable error) {
            completions.incrementAndGet();
            super.failed(error);
        }
    }

    @BeforeEach
    void connect() throws Exception {
        server = new FakeServer(FakeServer.standard());
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new FrameDecoder(), new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                        writes.incrementAndGet();
                        ctx.write(msg, promise);
                    }
                }, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        PendingCall call = pending.remove(((Frame) msg).tid());
                        if (call != null) {
                            call.answered((Frame) msg);
                        }
                    }
                });
            }
        }).connect("127.0.0.1", server.port()).sync().channel();
        writer = new RequestWriter(channel, pending, server.address());
    }

    @AfterEach
    void close() {
        channel.close().syncUninterruptibly();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Queues {@code n} registered calls while the event loop runs {@code whileHeld} after they are queued. */
    private List<CountedCall> queueWhileHeld(int n, Runnable whileHeld) throws InterruptedException {
        return queueWhileHeld(n, null, whileHeld);
    }

    private List<CountedCall> queueWhileHeld(int n, Object arg, Runnable whileHeld) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        channel.eventLoop().execute(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            whileHeld.run();
        });
        held.await();
        List<CountedCall> calls = new ArrayList<>();
        try {
            for (int tid = 1; tid <= n; tid++) {
                CountedCall call = arg == null ? new CountedCall(tid) : new CountedCall(tid, arg);
                pending.register(call);
                call.channel = channel;
                writer.send(call);
                calls.add(call);
            }
            writes.set(0);
            queued = calls;
        } finally {
            release.countDown(); // a failure here must not leave the event loop held (and the test hanging)
        }
        return calls;
    }

    @Test
    void callsQueuedWhileTheLoopIsBusyGoOutInOneWrite() throws Exception {
        List<CountedCall> calls = queueWhileHeld(100, () -> { });
        for (CountedCall call : calls) {
            Frame.Response r = (Frame.Response) call.get(10, TimeUnit.SECONDS);
            assertThat(EdnSerializer.standard().deserialize(r.data())).isEqualTo((long) call.tid);
            assertThat(call.completions).hasValue(1);
        }
        assertThat(writes).hasValue(1);
        assertThat(server.connections).hasValue(1);
        assertThat(pending.size()).isZero();
    }

    @Test
    void aCallWhoseFutureTheUserCompletedIsStillSentAndAnswered() throws Exception {
        // a user may cancel (or complete) the future an async call returns, here before it is written
        List<CountedCall> calls = queueWhileHeld(3, () -> queued.get(1).cancel(false));
        for (int spin = 0; pending.size() > 0 && spin < 1000; spin++) {
            Thread.sleep(5);
        }
        assertThat(pending.size()).isZero();
        assertThat(calls).allSatisfy(call -> assertThat(call.completions).hasValue(1));
        assertThat(server.received.stream().filter(r -> r.frame() instanceof Frame.Request)).hasSize(3);
    }

    @Test
    void aLargeBatchGoesOutInBuffersOfAbout64KiB() throws Exception {
        String big = "x".repeat(9996); // EDN ["x..."]: 10,000 bytes; a request frame of 10,027 bytes, 6 to a buffer
        List<CountedCall> calls = queueWhileHeld(20, big, () -> { });
        for (CountedCall call : calls) {
            Frame.Response r = (Frame.Response) call.get(10, TimeUnit.SECONDS);
            assertThat(EdnSerializer.standard().deserialize(r.data())).isEqualTo(big);
        }
        assertThat(writes).hasValue(4);
        assertThat(pending.size()).isZero();
    }

    @Test
    void aBatchWhoseWriteFailsFailsItsCallsOnce() throws Exception {
        List<CountedCall> calls = queueWhileHeld(20, () -> channel.close());
        for (CountedCall call : calls) {
            assertThat(call).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isExactlyInstanceOf(ConnectionBrokenException.class)
                .withMessageStartingWith("could not send test.api/echo to " + server.address());
        }
        // the close's own clean-up (as the client's lost connection does) finds nothing left to fail
        pending.failAll(channel, () -> new ConnectionBrokenException("lost"));
        for (CountedCall call : calls) {
            assertThat(call.completions).hasValue(1);
        }
        assertThat(pending.size()).isZero();
    }

    @Test
    void callsFailedWhileQueuedAreNotWritten() throws Exception {
        List<CountedCall> calls = queueWhileHeld(20,
            () -> pending.failAll(channel, () -> new ConnectionBrokenException("connection lost")));
        for (CountedCall call : calls) {
            assertThat(call).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().withMessage("connection lost");
        }
        // a later call on the same writer goes out alone: the failed ones were dropped, not written
        // (registered once the failing task is over: a call registered during it may be failed too)
        channel.eventLoop().submit(() -> { }).syncUninterruptibly();
        CountedCall later = new CountedCall(99);
        pending.register(later);
        later.channel = channel;
        writer.send(later);
        assertThat(later.get(10, TimeUnit.SECONDS)).isInstanceOf(Frame.Response.class);
        assertThat(writes).hasValue(1);
        assertThat(server.received.stream().filter(r -> r.frame() instanceof Frame.Request)).hasSize(1);
        for (CountedCall call : calls) {
            assertThat(call.completions).hasValue(1);
        }
    }

    /** Fire-and-forget calls, each reporting to {@code sent} whether it was written. */
    private List<OneWayCall> oneWayCalls(int n, List<Throwable> sent) {
        ClientObserver observer = new ClientObserver() {
            @Override
            public void callSent(String namespace, String function, ContentType contentType, Throwable error) {
                synchronized (sent) {
                    sent.add(error == null ? new NullPointerException("written") : error);
                }
            }
        };
        List<OneWayCall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CallState ctx = new CallState("test.api", "log", CallOptions.defaults().withTimeout(java.time.Duration.ofMinutes(1))
                .withContentType(ContentType.CLJ).withProtocolVersion(6).withInterruptOnTimeout(false), null);
            PreparedCall.Prepared p = new PreparedCall.Prepared(ctx, new PreparedCall.Settings(ContentType.CLJ, 6, 60_000, false),
                EdnSerializer.standard(), EdnSerializer.standard().serialize(List.of("line " + i)), List.of(), 0);
            OneWayCall call = new OneWayCall(p, 1000 + i, observer);
            call.channel = channel;
            calls.add(call);
        }
        return calls;
    }

    @Test
    void fireAndForgetCallsGoInTheSameBatchAndAreToldTheyWereWritten() throws Exception {
        List<Throwable> sent = new ArrayList<>();
        List<OneWayCall> oneWay = oneWayCalls(5, sent);
        List<CountedCall> calls = queueWhileHeld(5, () -> oneWay.forEach(writer::send));
        for (CountedCall call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(Frame.Response.class);
        }
        for (OneWayCall call : oneWay) {
            assertThat(call).succeedsWithin(10, TimeUnit.SECONDS);
        }
        assertThat(writes).hasValue(1);
        for (int i = 0; i < 10; i++) { // written is not yet received
            server.next(Frame.Request.class);
        }
        synchronized (sent) {
            assertThat(sent).hasSize(5).allSatisfy(e -> assertThat(e).hasMessage("written"));
        }
    }

    @Test
    void fireAndForgetCallsOfAFailedWriteAreToldSo() throws Exception {
        List<Throwable> sent = new ArrayList<>();
        List<OneWayCall> oneWay = oneWayCalls(5, sent);
        queueWhileHeld(1, () -> {
            oneWay.forEach(writer::send);
            channel.close();
        });
        for (OneWayCall call : oneWay) {
            assertThat(call).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isExactlyInstanceOf(ConnectionBrokenException.class)
                .withMessageStartingWith("could not send test.api/log to " + server.address());
        }
        synchronized (sent) {
            assertThat(sent).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOf(ConnectionBrokenException.class));
        }
    }
}
