package io.slacker.spi;

/**
 * A zero-dependency hook for watching a client's connection: connects, reconnects and losses.
 * Calls themselves are seen by a {@link ClientObserver} or an {@link Interceptor}. Called on I/O threads; must not block.
 */
public interface ConnectionObserver {
    /**
     * The connection to {@code address} is up.
     *
     * @param reconnect whether an earlier connection of this client existed (a reconnect)
     */
    default void connected(String address, boolean reconnect) {
    }

    /** The connection to {@code address} was lost or closed. */
    default void disconnected(String address) {
    }

    /** The observer that does nothing. */
    ConnectionObserver NONE = new ConnectionObserver() {
    };
}
