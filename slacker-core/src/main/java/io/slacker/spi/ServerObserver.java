package io.slacker.spi;

import io.slacker.ContentType;
import java.net.SocketAddress;

/**
 * A zero-dependency hook for watching a server: every answered call with its outcome and
 * duration, connections coming and going, bytes on the wire, and gauges of the server's state.
 * Metrics libraries implement it (see the {@code slacker-micrometer} module); every method has a
 * no-op default. Methods are called on I/O and worker threads and must not block.
 *
 * <p>Unlike an {@link Interceptor}, it also sees calls that never reach a function: unknown
 * functions, calls refused because the pool is full, undecodable arguments.
 */
public interface ServerObserver {
    /** Once, when the server has started: the live gauges of its state. */
    default void started(ServerStats stats) {
    }

    /**
     * One call answered (or refused), over TCP or HTTP.
     *
     * @param namespace     the namespace part of the called name ({@code ""} when there is none)
     * @param function      the function name when it is an exposed function, otherwise {@code null}
     *                      (unknown names and names answered by a not-found handler: callers choose
     *                      them freely, so they are kept out of tags)
     * @param contentType   the call's content type, or {@code null} when it is not supported
     * @param result        the outcome as a result-code name: {@code success}, {@code exception},
     *                      {@code not-found}, {@code thread-pool-full}, {@code canceled},
     *                      {@code invalid-packet}
     * @param durationNanos from the request's arrival to its answer
     */
    default void callCompleted(String namespace, String function, ContentType contentType, String result,
                               long durationNanos) {
    }

    /** A client connected over TCP. */
    default void connectionOpened(SocketAddress remote) {
    }

    /** A TCP client went away. */
    default void connectionClosed(SocketAddress remote) {
    }

    /** Bytes read from a TCP connection. */
    default void bytesReceived(long bytes) {
    }

    /** Bytes written to a TCP connection. */
    default void bytesSent(long bytes) {
    }

    /** The observer that does nothing (the default; the server then adds no work per call). */
    ServerObserver NONE = new ServerObserver() {
    };
}
