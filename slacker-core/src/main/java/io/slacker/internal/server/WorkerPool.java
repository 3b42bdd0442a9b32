package io.slacker.internal.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool that accepts exactly {@code threads + queue} calls at a time and refuses the next
 * at once. (A ThreadPoolExecutor with a bounded queue can refuse early: while its idle worker has
 * not yet taken the previous task off the queue, the queue still counts it.)
 */
final class WorkerPool implements CallExecutor {
    private final ThreadPoolExecutor executor;
    private final Semaphore capacity;

    WorkerPool(int threads, int queue, String name) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and queue >= 0");
        }
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            new DefaultThreadFactory(name, true));
        this.capacity = new Semaphore(threads + queue);
    }

    /**
     * Runs a task, or refuses it when {@code threads + queue} tasks are already accepted.
     *
     * @throws RejectedExecutionException when full or shut down
     */
    @Override
    public Future<?> submit(Runnable task) {
        if (!capacity.tryAcquire()) {
            throw new RejectedExecutionException("pool full");
        }
        FutureTask<Void> f = new FutureTask<>(task, null) {
            @Override
            protected void done() {
                capacity.release();
            }
        };
        try {
            executor.execute(f);
        } catch (RejectedExecutionException e) {
            capacity.release();
            throw e;
        }
        return f;
    }

    /** Threads running a task now. */
    int active() {
        return executor.getActiveCount();
    }

    /** Tasks waiting for a thread. */
    int queued() {
        return executor.getQueue().size();
    }

    void shutdownNow() {
        executor.shutdownNow();
    }
}
