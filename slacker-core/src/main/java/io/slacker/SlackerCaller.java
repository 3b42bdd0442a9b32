package io.slacker;

import io.slacker.internal.client.Blocking;
import io.slacker.internal.client.RemoteProxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Something that calls slacker functions: one server ({@link SlackerClient}) or a cluster
 * ({@code ClusterClient} in slacker-cluster). Code that needs "call a function somewhere" takes
 * this interface and works with either.
 *
 * <pre>{@code
 * SlackerCaller caller = SlackerClient.builder().address("127.0.0.1:2104").build();
 * ExampleApi api = caller.proxy(ExampleApi.class);
 * Object r = caller.call("slacker.example.api", "rand-ints", List.of(5));
 * caller.callAsync("slacker.example.api", "timestamp", List.of(), CallOptions.defaults()).thenAccept(...);
 * }</pre>
 *
 * <p>Blocking calls ({@link #call} and synchronous proxy methods) made on an I/O thread (a Netty
 * event loop) fail at once with {@link IllegalStateException} instead of deadlocking: use
 * {@link #callAsync} there. Every failure is a {@link SlackerException}; decide on its
 * {@link SlackerException#code() code}.
 */
public interface SlackerCaller extends AutoCloseable {

    /**
     * Calls {@code ns/fn} without blocking. The future completes with the decoded result, or
     * exceptionally with a {@link SlackerException}.
     *
     * @param options per-call settings; {@code null} or {@link CallOptions#defaults()} for the caller's own
     */
    CompletableFuture<Object> callAsync(String ns, String fn, List<?> args, CallOptions options);

    /** Calls {@code ns/fn} with these options; waits for the decoded result. */
    default Object call(String ns, String fn, List<?> args, CallOptions options) {
        return Blocking.await(callAsync(ns, fn, args, options));
    }

    /** Calls {@code ns/fn} with the caller's settings; waits for the decoded result. */
    default Object call(String ns, String fn, List<?> args) {
        return call(ns, fn, args, CallOptions.defaults());
    }

    /**
     * Sends {@code ns/fn} without waiting for (or reading) an answer; failures to send are
     * logged, not reported. What a {@link FireAndForget} proxy method does.
     */
    default void fireAndForget(String ns, String fn, List<?> args, CallOptions options) {
        callAsync(ns, fn, args, options);
    }

    /**
     * A proxy of {@code iface}: its namespace is {@link RemoteNames#namespaceOf}, each abstract
     * method calls the function {@link RemoteNames#functionOf}. A method returning
     * {@link CompletableFuture} (or {@link java.util.concurrent.CompletionStage}) is asynchronous;
     * a {@code void} method whose last parameter is a {@link Callback} reports through it; a
     * {@link FireAndForget} method only sends; any other method waits for the result and converts
     * it to its return type, throwing the call's {@link SlackerException} as is. Default methods
     * and {@code toString}/{@code equals}/{@code hashCode} run locally.
     *
     * @throws IllegalArgumentException when {@code iface} is not an interface or a method signature is invalid
     */
    default <T> T proxy(Class<T> iface) {
        return proxy(iface, CallOptions.defaults());
    }

    /** A proxy of {@code iface} (see {@link #proxy(Class)}) whose calls all use these options. */
    default <T> T proxy(Class<T> iface, CallOptions options) {
        return RemoteProxy.create(this, iface, method -> options);
    }

    /**
     * The names ({@code "ns/fn"}) of the functions whose full name starts with
     * {@code nsOrPrefix}, or of all functions when it is {@code null}.
     */
    List<String> functions(String nsOrPrefix);

    /**
     * The metadata of function {@code "ns/fn"} (keyword keys such as {@code :name}, {@code :doc},
     * {@code :arglists}); empty when there is none.
     */
    Map<?, ?> meta(String fullName);

    /** Releases connections and threads; calls in flight fail. */
    @Override
    void close();
}
