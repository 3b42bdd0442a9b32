package io.slacker;

/**
 * Receives the outcome of an asynchronous call: a client proxy method whose last parameter is a
 * {@code Callback} sends the call and returns at once; the callback runs exactly once, when the
 * answer (or the failure) is known.
 *
 * <p>It runs on the client's I/O thread unless the client has a callback executor: it must not
 * block there.
 *
 * @param <T> the result type the answer is converted to
 */
@FunctionalInterface
public interface Callback<T> {
    /**
     * The call finished.
     *
     * @param result the result, or {@code null} when the call failed
     * @param error  the failure (a {@link SlackerException} subclass as a rule), or {@code null}
     */
    void done(T result, Throwable error);
}
