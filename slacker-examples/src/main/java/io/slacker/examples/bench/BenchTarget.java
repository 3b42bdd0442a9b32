package io.slacker.examples.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Something {@link RpcBenchmark} makes round trips with, over up to {@link #CONNECTIONS}
 * connections: the raw echo or slacker with one content type.
 */
interface BenchTarget extends AutoCloseable {
    /** Connections every target opens. */
    int CONNECTIONS = 4;

    String name();

    /** One blocking round trip on connection {@code conn}. */
    void roundTrip(int conn, BenchPayload p) throws Exception;

    /** Starts a round trip on {@code conn}; {@code done} runs when it ends (on any thread). */
    void send(int conn, BenchPayload p, Runnable done);

    /** Failed or wrong round trips so far. */
    long errors();

    @Override
    void close();

    /** The raw Netty echo (epoll where available) on {@code port}, clients on a group of {@code ioThreads} (0: default). */
    static BenchTarget raw(String name, int port, int ioThreads) throws InterruptedException {
        return new Raw(name, port, ioThreads);
    }

    /**
     * Slacker clients of one content type calling {@code ns/echo} on {@code port}, each on its own
     * default event loop, or all on one NIO group of {@code ioThreads} threads when that is above 0.
     */
    static BenchTarget slacker(String name, ContentType type, String ns, int port, int ioThreads) {
        return new Slacker(name, type, ns, port, ioThreads);
    }

    /** Raw echo clients. */
    final class Raw implements BenchTarget {
        private final String name;
        private final EventLoopGroup group;
        private final RawEcho.Client[] clients = new RawEcho.Client[CONNECTIONS];
        private final LongAdder errors = new LongAdder();

        Raw(String name, int port, int ioThreads) throws InterruptedException {
            this.name = name;
            this.group = BenchTransport.group(ioThreads, "bench-client-raw");
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new RawEcho.Client(group, port);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void roundTrip(int conn, BenchPayload p) throws Exception {
            clients[conn].roundTrip(p.raw());
        }

        @Override
        public void send(int conn, BenchPayload p, Runnable done) {
            int length = 4 + p.raw().length;
            clients[conn].send(p.raw(), echo -> {
                if (echo.readableBytes() != length) {
                    errors.increment();
                }
                done.run();
            });
        }

        @Override
        public long errors() {
            long n = errors.sum();
            for (RawEcho.Client c : clients) {
                n += c.errors();
            }
            return n;
        }

        @Override
        public void close() {
            for (RawEcho.Client c : clients) {
                c.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Slacker clients of one content type. */
    final class Slacker implements BenchTarget {
        private final String name;
        private final String ns;
        private final EventLoopGroup group;
        private final SlackerClient[] clients = new SlackerClient[CONNECTIONS];
        private final CallOptions options = CallOptions.defaults();
        private final LongAdder errors = new LongAdder();

        Slacker(String name, ContentType type, String ns, int port, int ioThreads) {
            this.name = name;
            this.ns = ns;
            // the slacker client runs on NIO only: a shared group must be a NIO one
            this.group = ioThreads > 0 ? new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory("bench-client-" + type.wireName(), true),
                NioIoHandler.newFactory()) : null;
            for (int i = 0; i < clients.length; i++) {
                SlackerClient.Builder b = SlackerClient.builder().address("127.0.0.1", port).contentType(type)
                    .timeout(Duration.ofSeconds(30));
                if (group != null) {
                    b.eventLoopGroup(group);
                }
                clients[i] = b.build();
                // connect now, in order, so that connections spread over a shared group's loops as the raw ones do
                if (!"x".equals(clients[i].call(ns, BenchServers.FN, List.of("x")))) {
                    throw new IllegalStateException(name + ": echo returned something else");
                }
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void roundTrip(int conn, BenchPayload p) {
            if (!p.value().equals(clients[conn].call(ns, BenchServers.FN, p.args(), options))) {
                errors.increment();
            }
        }

        @Override
        public void send(int conn, BenchPayload p, Runnable done) {
            clients[conn].callAsync(ns, BenchServers.FN, p.args(), options).whenComplete((v, e) -> {
                if (e != null || !p.value().equals(v)) {
                    errors.increment();
                }
                done.run();
            });
        }

        @Override
        public long errors() {
            return errors.sum();
        }

        @Override
        public void close() {
            for (SlackerClient c : clients) {
                c.close();
            }
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }
}
