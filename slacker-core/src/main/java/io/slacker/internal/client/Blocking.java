package io.slacker.internal.client;

import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;
import io.slacker.SlackerException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for a call, written once for every caller: the I/O-thread guard and the unwrapping. */
public final class Blocking {
    private Blocking() {
    }

    /**
     * Waits for a call's future and returns its value; rethrows its failure unwrapped.
     *
     * @throws IllegalStateException when the answer is not there yet and this thread is a Netty
     *                               event loop, whose blocking would stall (or deadlock) the answers
     */
    public static Object await(CompletableFuture<?> future) {
        try {
            return awaitOutcome(future);
        } catch (ExecutionException e) {
            return rethrow(unwrap(e));
        }
    }

    /**
     * Waits for a future; its failure comes as the {@link ExecutionException} of
     * {@link CompletableFuture#get()}.
     *
     * @throws IllegalStateException on a Netty event loop, as {@link #await}
     * @throws SlackerException      when interrupted (the interrupt flag stays set)
     */
    static <T> T awaitOutcome(CompletableFuture<T> future) throws ExecutionException {
        guard(future);
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** {@link #awaitOutcome} for a call of this client (no waiter node per call). */
    static Object awaitOutcome(PendingCall call) throws ExecutionException {
        guard(call);
        try {
            return call.await();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static void guard(CompletableFuture<?> future) {
        if (!future.isDone() && ThreadExecutorMap.currentExecutor() instanceof EventLoop) {
            throw new IllegalStateException("blocking slacker call on an I/O thread; use an async call or a callback executor");
        }
    }

    private static SlackerException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SlackerException("interrupted while waiting for the answer", e);
    }

    /** Throws a call's failure: unchecked ones as they are, others wrapped in a {@link SlackerException}. */
    static Object rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new SlackerException("call failed: " + cause, cause);
    }

    /** A {@link CompletionException} or {@link ExecutionException} (nested too) unwrapped to its cause. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
