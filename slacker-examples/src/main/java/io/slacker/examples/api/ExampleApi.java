package io.slacker.examples.api;

import io.slacker.Doc;
import io.slacker.Namespace;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The classic slacker example API ({@code slacker.example.api}), as a Java interface. */
@Namespace("slacker.example.api")
public interface ExampleApi {
    /** Server time in milliseconds. */
    @Doc("return server time in milliseconds")
    long timestamp();

    /** {@code n} random non-negative ints. */
    @Doc("test collection result")
    List<Long> randInts(int n);

    /** Adds to the server's counter and returns the new value. */
    long incM(long amount);

    /** The server's counter. */
    long getM();

    /** Always throws {@code RuntimeException("Expected exception.")}. */
    Object makeError();

    /** Returns its argument. */
    Object echo(Object x);

    /** Returns both arguments as a vector. */
    List<Object> echo(Object x, Object y);

    /** Returns nil. */
    Object returnNil();

    /** Returns 0. */
    long returnZero();

    /** Completes with "Deferred result." after 300 ms, without holding a worker. */
    CompletableFuture<String> asyncResult();

    /** Fails asynchronously with {@code RuntimeException("Expected error in async fn.")}. */
    CompletableFuture<Object> asyncException();

    /** Sleeps 100 s (interrupt it). */
    Object longRunning() throws InterruptedException;
}
