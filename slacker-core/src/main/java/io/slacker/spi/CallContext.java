package io.slacker.spi;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.internal.call.CallState;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One call as interceptors and functions see it: names, arguments, result or error, extensions,
 * and the call's effective options. Mutable; used by one thread at a time (the call's stages run
 * one after another).
 *
 * <p>Extensions are decoded values keyed by their 16-bit id; the server sends the request's
 * extensions back with the response, as slacker does.
 *
 * <p><b>Short-circuit.</b> Setting a result or an error, or canceling, in {@code before} skips the
 * rest: on the server the function does not run (a cancel answers {@code canceled}); on the client
 * nothing is sent and the call completes with that result or error ({@link io.slacker.CanceledException}
 * for a cancel), {@code after} and {@code post} still running.
 */
public interface CallContext {

    /**
     * The context of the call the current thread is running (server side, inside the remote
     * function), or {@code null}.
     */
    static CallContext current() {
        return CallState.current();
    }

    /** Whether this is the client's side of the call (else the server's). */
    boolean clientSide();

    /** The namespace, e.g. {@code slacker.example.api}. */
    String namespace();

    /** The function name, e.g. {@code rand-ints}. */
    String function();

    /** {@code namespace/function}. */
    default String fullName() {
        return namespace() + "/" + function();
    }

    /** The call's content type. */
    ContentType contentType();

    /** The protocol version of the call (5 or 6). */
    int protocolVersion();

    /**
     * The call's effective options. On the client: every setting resolved (the call's options
     * over the client's defaults), so {@link CallOptions#timeout()} is the timeout in force. On the
     * server: content type and protocol version; the timeout is unknown ({@code null}).
     */
    CallOptions options();

    /** The call's timeout ({@link #options()}'s), or {@code null} when unknown (server side). */
    default Duration timeout() {
        return options().timeout();
    }

    /** The peer: the client on the server side, the server on the client side (may be null). */
    SocketAddress remoteAddress();

    /** The arguments (decoded), or null before they are known. */
    List<Object> args();

    /** Replaces the arguments. */
    void args(List<Object> args);

    /** The result, once there is one. */
    Object result();

    /**
     * Sets the result. Called in a {@code before} stage, it answers the call without invoking
     * the function (server) or without sending it (client).
     */
    void result(Object value);

    /** Whether a result has been set. */
    boolean hasResult();

    /** The failure of the call, or null. */
    Throwable error();

    /** Sets the failure (on the server: answered as an exception result). */
    void error(Throwable error);

    /** Cancels the call: it does not run (server: answered with result code {@code canceled}). */
    void cancel();

    /** Whether the call was canceled. */
    boolean isCanceled();

    /** The extensions, by id (decoded values); modifiable. */
    Map<Integer, Object> extensions();

    /** One extension's value, or null. */
    default Object extension(int id) {
        return extensions().get(id);
    }

    /** Free-form attributes for interceptors to pass state between stages; modifiable. */
    Map<String, Object> attributes();
}
