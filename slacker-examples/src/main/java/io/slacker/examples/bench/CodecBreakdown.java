package io.slacker.examples.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.slacker.ContentType;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code breakdown} scenario of {@link RpcBenchmark}: the CPU cost of each codec step of one
 * slacker call (serialization of arguments and result, frame coding), in isolation on one thread,
 * to compare with the round-trip difference; and how the serializers scale from one to four
 * threads.
 */
final class CodecBreakdown {
    private static final String NS = BenchServers.NS;
    private static final String FN = BenchServers.FN;

    private CodecBreakdown() {
    }

    private static volatile Object sink;

    /** One measured operation of the breakdown. */
    @FunctionalInterface
    private interface Op {
        Object run();
    }

    /**
     * The CPU cost of each codec step of one slacker call, in isolation on this thread: the
     * argument vector and the result through each content type, and the request and response
     * frames through {@link FrameCodec} (encode into a reused heap buffer, decode from it).
     *
     * @param payload      the echoed value
     * @param payloadBytes the raw echo's payload size, for the note under the table
     */
    static void run(Object payload, int payloadBytes) {
        Serializers serializers = Serializers.defaults();
        List<Object> args = List.of(payload);
        ByteBuf buf = Unpooled.buffer(256);
        System.out.printf(Locale.ROOT, "%nper-call CPU in isolation (one thread, ns/op):%n");
        String fmt = "%-7s %11s %11s %11s %11s %11s %11s %9s %9s%n";
        System.out.printf(Locale.ROOT, fmt, "type", "ser args", "deser args", "ser result", "deser res", "req frame",
            "resp frame", "sum us", "bytes");
        for (ContentType type : List.of(ContentType.CARB, ContentType.CLJ, ContentType.NIPPY)) {
            Serializer s = serializers.get(type);
            byte[] argBytes = s.serialize(args);
            byte[] resBytes = s.serialize(payload);
            Frame.Request req = new Frame.Request(Frame.V6, 1, type, NS + "/" + FN, argBytes, List.of());
            Frame.Response resp = new Frame.Response(Frame.V6, 1, type, ResultCode.SUCCESS, resBytes, List.of());
            double serArgs = nanosPerOp(() -> s.serialize(args));
            double deserArgs = nanosPerOp(() -> s.deserialize(argBytes));
            double serRes = nanosPerOp(() -> s.serialize(payload));
            double deserRes = nanosPerOp(() -> s.deserialize(resBytes));
            double reqFrame = nanosPerOp(() -> codecRoundTrip(req, buf));
            double respFrame = nanosPerOp(() -> codecRoundTrip(resp, buf));
            double sum = serArgs + deserArgs + serRes + deserRes + reqFrame + respFrame;
            System.out.printf(Locale.ROOT, fmt, type.wireName(), fmt("%.0f", serArgs), fmt("%.0f", deserArgs),
                fmt("%.0f", serRes), fmt("%.0f", deserRes), fmt("%.0f", reqFrame), fmt("%.0f", respFrame),
                fmt("%.2f", sum / 1e3), argBytes.length + "/" + resBytes.length);
        }
        System.out.printf(Locale.ROOT, "(best of 3; frame = encode + decode, one on each side of the connection; sum = the "
            + "codec CPU of one call, both sides; bytes = args/result payload; raw echo payload %d bytes + 4-byte length)%n",
            payloadBytes);

        System.out.printf(Locale.ROOT, "%nserializer scaling: serialize + deserialize of the argument vector, total ops/s "
            + "(best of 3) from 1 and from 4 threads at once (%d CPUs):%n", Runtime.getRuntime().availableProcessors());
        for (ContentType type : List.of(ContentType.CARB, ContentType.CLJ, ContentType.NIPPY)) {
            Serializer s = serializers.get(type);
            byte[] argBytes = s.serialize(args);
            Op op = () -> s.deserialize(s.serialize(args));
            double one = 0;
            double four = 0;
            for (int i = 0; i < 3; i++) {
                one = Math.max(one, concurrentOps(op, 1));
                four = Math.max(four, concurrentOps(op, 4));
            }
            sink = argBytes;
            System.out.printf(Locale.ROOT, "  %-5s 1 thread %,12.0f   4 threads %,12.0f   (x%.2f)%n", type.wireName(), one, four,
                four / one);
        }
    }

    /** Total operations per second of {@code threads} threads running {@code op} for 0.4 s (after 0.1 s). */
    private static double concurrentOps(Op op, int threads) {
        LongAdder ops = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> list = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    for (int k = 0; k < 16; k++) {
                        sink = op.run();
                    }
                    if (measuring.get()) {
                        ops.add(16);
                    }
                }
            });
            t.setDaemon(true);
            list.add(t);
            t.start();
        }
        try {
            Thread.sleep(100);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(400);
            long n = ops.sum();
            long end = System.nanoTime();
            stop.set(true);
            for (Thread t : list) {
                t.join();
            }
            return n * 1e9 / (end - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    private static Object codecRoundTrip(Frame f, ByteBuf buf) {
        buf.clear();
        FrameCodec.encode(f, buf);
        return FrameCodec.decode(buf, FrameCodec.DEFAULT_MAX_BODY);
    }

    /** Nanoseconds per operation: 0.3 s of warm-up, then the best of three times 0.2 s. */
    private static double nanosPerOp(Op op) {
        timed(op, 300_000_000L);
        double best = 0;
        for (int i = 0; i < 3; i++) {
            best = Math.max(best, timed(op, 200_000_000L));
        }
        return 1e9 / best;
    }

    private static double timed(Op op, long nanos) {
        long start = System.nanoTime();
        long deadline = start + nanos;
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink = op.run();
            }
            count += 64;
            now = System.nanoTime();
        } while (now < deadline);
        return count * 1e9 / (now - start);
    }
}
