package io.slacker.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker pool: exact capacity, no task lost between producers and parking workers, shutdown. */
class WorkerPoolTest {

    @Test
    void acceptsExactlyThreadsPlusQueueAndRefusesTheNextAtOnce() throws Exception {
        WorkerPool pool = new WorkerPool(2, 3, "test-exact");
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch ran = new CountDownLatch(5);
            for (int i = 0; i < 5; i++) {
                pool.execute(() -> {
                    await(release);
                    ran.countDown();
                });
            }
            assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("pool full");
            release.countDown();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            // once they are done, the pool takes threads + queue calls again
            CountDownLatch again = new CountDownLatch(5);
            CountDownLatch hold = new CountDownLatch(1);
            for (int i = 0; i < 5; i++) {
                executeWhenFree(pool, () -> {
                    await(hold);
                    again.countDown();
                });
            }
            assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
            hold.countDown();
            assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "queue {0}")
    @ValueSource(ints = {40, 100_000})
    void manyProducersAndFewWorkersLoseNoTask(int queueSize) throws Exception {
        // 40: an array queue; 100000: beyond the array limit, a linked queue
        WorkerPool pool = new WorkerPool(3, queueSize, "test-stress");
        int producers = 4;
        int perProducer = 50_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(producers * perProducer);
        try {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        executeWhenFree(pool, () -> {
                            ran.incrementAndGet();
                            all.countDown();
                        });
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(all.await(60, TimeUnit.SECONDS)).as("every task ran (%d of them did)", ran.get()).isTrue();
            assertThat(ran.get()).isEqualTo(producers * perProducer);
            // and the pool is idle and whole again: threads + queue accepted at once
            CountDownLatch hold = new CountDownLatch(1);
            for (int i = 0; i < 3 + queueSize; i++) {
                executeWhenFree(pool, () -> await(hold));
            }
            assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
            hold.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shutdownNowInterruptsRunningTasksDropsQueuedOnesAndRefusesNewOnes() throws Exception {
        WorkerPool pool = new WorkerPool(1, 2, "test-shutdown");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger queuedRan = new AtomicInteger();
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        pool.execute(queuedRan::incrementAndGet);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        // the queued task was dropped: give the worker its chance to (wrongly) run it, then check
        Thread.sleep(100);
        assertThat(queuedRan.get()).isZero();
    }

    /** Submits, retrying while the pool is full (the tasks ahead finish on their own). */
    private static void executeWhenFree(WorkerPool pool, Runnable task) {
        while (true) {
            try {
                pool.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
