package io.slacker.spi;

import io.slacker.ContentType;

/**
 * A zero-dependency hook for watching a client's calls: every call's outcome and duration, and
 * every fire-and-forget call sent. Metrics libraries implement it (see the {@code slacker-micrometer}
 * module); every method has a no-op default. The client's counterpart of {@link ServerObserver};
 * connections are seen by a {@link ConnectionObserver}.
 *
 * <p>Unlike an {@link Interceptor} it costs a call nothing beyond two clock reads and the
 * callback: no context attributes, no chain. Methods are called on the client's I/O threads (or its
 * callback executor, or the thread of a blocking call) and must not block.
 */
public interface ClientObserver {
    /**
     * One call finished: answered by the server, failed, timed out, or answered locally by an
     * interceptor's {@code before} stage. Reported after the interceptors' {@code post} stage and
     * before the caller sees the outcome. Calls refused before anything is sent because of the
     * caller's own input (no serializer for the content type, a frame over the size limit) or a
     * closed client are not reported: their future fails at once (a blocking call throws).
     *
     * @param namespace     the namespace part of the called name ({@code ""} when there is none)
     * @param function      the function name as the caller gave it (also when the server did not
     *                      know it: {@code error} is then a {@link io.slacker.NotFoundException})
     * @param contentType   the call's content type
     * @param error         {@code null} on success, otherwise the failure the caller gets (e.g.
     *                      {@link io.slacker.RemoteException}, {@link io.slacker.CallTimeoutException},
     *                      {@link io.slacker.ConnectionBrokenException})
     * @param durationNanos from the start of the call (before its arguments are encoded) to its
     *                      outcome; for a timeout at least the call's timeout
     */
    default void callCompleted(String namespace, String function, ContentType contentType, Throwable error,
                               long durationNanos) {
    }

    /**
     * A fire-and-forget call was written to the connection ({@code error == null}) or could not be
     * sent ({@code error} says why; the caller is not told, the client logs it). No answer is read,
     * so there is no outcome and no duration.
     */
    default void callSent(String namespace, String function, ContentType contentType, Throwable error) {
    }

    /** The observer that does nothing (the default; the client then adds no work per call). */
    ClientObserver NONE = new ClientObserver() {
    };
}
