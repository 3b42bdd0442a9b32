package io.slacker.internal.server;

import java.util.concurrent.Future;

/** Where calls run: a {@link WorkerPool} or a user's executor. Refuses with RejectedExecutionException. */
@FunctionalInterface
interface CallExecutor {
    Future<?> submit(Runnable task);
}
