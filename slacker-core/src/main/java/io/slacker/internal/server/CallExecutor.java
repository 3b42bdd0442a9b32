package io.slacker.internal.server;

/** Where calls run: a {@link WorkerPool}, a user's executor, or the I/O thread. Refuses with RejectedExecutionException. */
@FunctionalInterface
interface CallExecutor {
    void execute(Runnable task);
}
