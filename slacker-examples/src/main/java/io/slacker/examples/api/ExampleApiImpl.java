package io.slacker.examples.api;

import io.slacker.data.ClojureList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The example API's behaviour, as the Clojure example server has it. */
public class ExampleApiImpl implements ExampleApi {
    private final AtomicLong m = new AtomicLong();

    @Override
    public long timestamp() {
        return System.currentTimeMillis();
    }

    @Override
    public List<Long> randInts(int n) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((long) ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
        }
        // a lazy sequence on the Clojure side: prints as a list
        @SuppressWarnings("unchecked")
        List<Long> seq = (List<Long>) (List<?>) ClojureList.copyOf(out);
        return seq;
    }

    @Override
    public long incM(long amount) {
        return m.addAndGet(amount);
    }

    @Override
    public long getM() {
        return m.get();
    }

    /** Sets the counter (tests and demos). */
    public void setM(long value) {
        m.set(value);
    }

    @Override
    public Object makeError() {
        throw new RuntimeException("Expected exception.");
    }

    @Override
    public Object echo(Object x) {
        return x;
    }

    @Override
    public List<Object> echo(Object x, Object y) {
        return Arrays.asList(x, y);
    }

    @Override
    public Object returnNil() {
        return null;
    }

    @Override
    public long returnZero() {
        return 0;
    }

    @Override
    public CompletableFuture<String> asyncResult() {
        return CompletableFuture.supplyAsync(() -> "Deferred result.",
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    @Override
    public CompletableFuture<Object> asyncException() {
        return CompletableFuture.supplyAsync(() -> {
            throw new RuntimeException("Expected error in async fn.");
        }, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
    }

    @Override
    public Object longRunning() throws InterruptedException {
        Thread.sleep(100_000);
        return null;
    }
}
