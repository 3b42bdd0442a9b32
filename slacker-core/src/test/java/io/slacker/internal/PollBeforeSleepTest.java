package io.slacker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An event loop that polls before it sleeps: how long, when it stops, how it backs off, and a server that uses it. */
class PollBeforeSleepTest {
    private static final long POLL = TimeUnit.MILLISECONDS.toNanos(2);

    /** What epoll would say right now: {@code ready} events. */
    private static final class Ready implements IntSupplier {
        int ready;
        int calls;

        @Override
        public int get() {
            calls++;
            return ready;
        }
    }

    /** Runs out of work with nothing coming: the strategy's answers until it says SELECT, and how long that took. */
    private static long pollUntilSleep(PollBeforeSleep s, Ready io) throws Exception {
        long start = System.nanoTime();
        int r;
        while ((r = s.calculateStrategy(io, false)) == SelectStrategy.CONTINUE) {
            assertThat(System.nanoTime() - start).as("polls end").isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
        assertThat(r).isEqualTo(SelectStrategy.SELECT);
        return System.nanoTime() - start;
    }

    @Test
    void pollsForItsTimeThenSleeps() throws Exception {
        PollBeforeSleep s = new PollBeforeSleep(POLL);
        Ready io = new Ready();
        long took = pollUntilSleep(s, io);
        assertThat(took).isGreaterThanOrEqualTo(POLL);
        assertThat(io.calls).as("it looked for I/O while it polled").isGreaterThan(1);
    }

    @Test
    void tasksAndReadyIoAreTakenAtOnce() throws Exception {
        PollBeforeSleep s = new PollBeforeSleep(POLL);
        Ready io = new Ready();
        io.ready = 3;
        assertThat(s.calculateStrategy(io, true)).isEqualTo(3);
        assertThat(s.calculateStrategy(io, false)).isEqualTo(3);
        io.ready = 0;
        assertThat(s.calculateStrategy(io, true)).as("tasks: look at I/O without waiting").isZero();
    }

    @Test
    void missesBackOffAndAHitEndsTheBackOff() throws Exception {
        PollBeforeSleep s = new PollBeforeSleep(POLL);
        Ready io = new Ready();
        pollUntilSleep(s, io); // a miss: the next chance is skipped
        assertThat(s.calculateStrategy(io, false)).isEqualTo(SelectStrategy.SELECT);
        pollUntilSleep(s, io); // polls again, misses again: three skipped
        for (int i = 0; i < 3; i++) {
            assertThat(s.calculateStrategy(io, false)).as("skip %d", i).isEqualTo(SelectStrategy.SELECT);
        }
        // the next chance polls, and finds work: no skipping after it
        assertThat(s.calculateStrategy(io, false)).isEqualTo(SelectStrategy.CONTINUE);
        io.ready = 1;
        assertThat(s.calculateStrategy(io, false)).isEqualTo(1);
        io.ready = 0;
        assertThat(s.calculateStrategy(io, false)).as("polls again at once").isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    void backOffIsBounded() throws Exception {
        PollBeforeSleep s = new PollBeforeSleep(TimeUnit.MICROSECONDS.toNanos(50));
        Ready io = new Ready();
        for (int miss = 0; miss < 10; miss++) {
            pollUntilSleep(s, io);
            int skipped = 0;
            while (s.calculateStrategy(io, false) == SelectStrategy.SELECT) {
                skipped++;
            }
            assertThat(skipped).isEqualTo(Math.min(PollBeforeSleep.MAX_SKIP, (1 << (miss + 1)) - 1));
        }
    }

    @Test
    void aServerThatPollsAnswersAndIdlesWithoutSpinning() {
        assertThatThrownBy(() -> SlackerServer.builder().ioPoll(Duration.ofMillis(11)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackerServer.builder().ioPoll(Duration.ofNanos(-1)))
            .isInstanceOf(IllegalArgumentException.class);
        SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0).ioPoll(Duration.ofMillis(1))
            .expose("t", Map.of("echo", args -> args.get(0))).start();
        try (SlackerClient client = SlackerClient.builder().address("127.0.0.1:" + server.port()).build()) {
            for (int i = 0; i < 200; i++) {
                assertThat(client.call("t", "echo", List.of("x" + i))).isEqualTo("x" + i);
            }
            // idle now: each I/O thread polls at most a millisecond more, then sleeps (one that kept
            // polling would use the whole 500 ms of a CPU)
            sleep(50);
            long before = processCpu();
            sleep(500);
            long idleCpu = processCpu() - before;
            assertThat(idleCpu).as("CPU of this JVM in 500 ms with the server idle, ns")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(250));
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    private static long processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
