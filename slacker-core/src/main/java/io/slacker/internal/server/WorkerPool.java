package io.slacker.internal.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool that accepts exactly {@code threads + queue} calls at a time and refuses the next
 * at once. Cheap hand-off: a task goes into a lock-free queue, and a worker is unparked only when
 * one is parked; busy workers take the next task without any lock or wake-up.
 *
 * <p>Tasks are not wrapped: a task that must be interruptible handles that itself (see
 * {@link TrackedCall}). A worker clears its interrupt status after each task. Threads start on
 * demand, up to {@code threads}.
 */
final class WorkerPool implements CallExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /** Pools up to this capacity queue in a preallocated array (no node per task); larger ones in a linked queue. */
    private static final int MAX_ARRAY_QUEUE = 1 << 16;

    private final Queue<Runnable> queue;
    /** Tasks accepted and not finished: queued plus running. */
    private final AtomicInteger accepted = new AtomicInteger();
    /** Workers in {@link #parked} (parked, or about to park). */
    private final AtomicInteger idle = new AtomicInteger();
    /** Parked workers, the most recent first; guarded by itself. */
    private final ArrayDeque<Worker> parked = new ArrayDeque<>();
    private final Worker[] workers;
    private final AtomicInteger started = new AtomicInteger();
    /** A parked worker is being woken and has not looked at the queue yet: no other is woken meanwhile. */
    private final AtomicBoolean waking = new AtomicBoolean();
    private final int threads;
    private final int capacity;
    private final ThreadFactory factory;
    private volatile boolean shutdown;

    WorkerPool(int threads, int queueSize, String name) {
        if (threads < 1 || queueSize < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and queue >= 0");
        }
        this.threads = threads;
        this.capacity = (int) Math.min(Integer.MAX_VALUE, (long) threads + queueSize);
        // never more than capacity tasks are queued, so an offer always succeeds
        this.queue = capacity <= MAX_ARRAY_QUEUE ? PlatformDependent.newFixedMpmcQueue(Math.max(2, capacity))
            : new ConcurrentLinkedQueue<>();
        this.workers = new Worker[threads];
        this.factory = new DefaultThreadFactory(name, true);
    }

    /**
     * Runs a task, or refuses it when {@code threads + queue} tasks are already accepted.
     *
     * @throws RejectedExecutionException when full or shut down
     */
    @Override
    public void execute(Runnable task) {
        int n;
        do {
            n = accepted.get();
            if (n >= capacity) {
                throw new RejectedExecutionException("pool full");
            }
        } while (!accepted.compareAndSet(n, n + 1));
        if (shutdown) {
            accepted.decrementAndGet();
            throw new RejectedExecutionException("pool shut down");
        }
        if (!queue.offer(task)) {
            accepted.decrementAndGet();
            throw new IllegalStateException("worker queue refused a task within its capacity");
        }
        int s = started.get();
        if (s < threads && n >= s && started.compareAndSet(s, s + 1)) {
            startWorker(s);
        } else {
            signalWork();
        }
    }

    /**
     * Wakes a parked worker, unless none is parked or one is being woken already: that one, once
     * it has taken a task, wakes the next if tasks are left (so a burst wakes workers one by one
     * as they are needed, not all at once from the event loop).
     */
    private void signalWork() {
        if (idle.get() > 0 && !waking.get() && waking.compareAndSet(false, true) && !wakeOne()) {
            waking.set(false);
        }
    }

    private void startWorker(int index) {
        Worker w = new Worker();
        w.thread = factory.newThread(w);
        synchronized (workers) {
            workers[index] = w;
        }
        w.thread.start();
    }

    private boolean wakeOne() {
        Worker w;
        synchronized (parked) {
            w = parked.pollFirst();
            if (w == null) {
                return false;
            }
            idle.decrementAndGet();
            w.signalled = true;
        }
        LockSupport.unpark(w.thread);
        return true;
    }

    /** Threads running a task now. */
    int active() {
        return Math.max(0, Math.min(threads, accepted.get() - queued()));
    }

    /** Tasks waiting for a thread. */
    int queued() {
        return queue.size();
    }

    /** Stops every worker: running tasks are interrupted, queued ones never run. */
    void shutdownNow() {
        shutdown = true;
        synchronized (workers) {
            for (Worker w : workers) {
                if (w != null) {
                    w.thread.interrupt();
                }
            }
        }
        queue.clear();
    }

    /** One worker thread's loop. */
    private final class Worker implements Runnable {
        Thread thread;
        /** Taken off {@link #parked} to be woken; guarded by {@link #parked} for writes. */
        volatile boolean signalled;

        @Override
        public void run() {
            while (!shutdown) {
                Runnable task = queue.poll();
                if (task == null) {
                    task = await();
                    if (task == null) {
                        continue;
                    }
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("task failed", t);
                } finally {
                    accepted.decrementAndGet();
                    // a late interrupt meant for the task that ended must not hit the next one
                    Thread.interrupted();
                }
            }
        }

        /**
         * Announces this worker idle, checks the queue once more, and parks until woken; may return
         * a task. A worker taken off {@link #parked} is the one being woken, whichever way it then
         * finds a task: it ends the wake-up and passes it on when tasks are left.
         */
        private Runnable await() {
            synchronized (parked) {
                signalled = false;
                parked.addFirst(this);
                idle.incrementAndGet();
            }
            Runnable task = queue.poll();
            if (task != null) {
                boolean woken;
                synchronized (parked) {
                    woken = !parked.remove(this);
                    if (!woken) {
                        idle.decrementAndGet();
                    }
                }
                if (woken) {
                    awake();
                }
                return task;
            }
            while (!signalled && !shutdown) {
                LockSupport.park(this);
                Thread.interrupted();
            }
            if (!signalled) {
                return null;
            }
            task = queue.poll();
            awake();
            return task;
        }

        private void awake() {
            waking.set(false);
            if (!queue.isEmpty()) {
                signalWork();
            }
        }
    }
}
