package io.slacker;

import java.net.SocketAddress;
import java.time.Instant;

/**
 * A client connection as inspect {@code :clients} reports it.
 *
 * @param address     the client's address
 * @param name        the name from its hello ("" when none)
 * @param version     the version from its hello ("" when none)
 * @param connectedOn when the connection was accepted
 */
public record ConnectedClient(SocketAddress address, String name, String version, Instant connectedOn) {
}
