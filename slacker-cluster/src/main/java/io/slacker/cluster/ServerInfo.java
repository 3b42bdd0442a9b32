package io.slacker.cluster;

/**
 * A server offering a namespace, as a {@link ServerSelector} sees it.
 *
 * @param address    {@code host:port}
 * @param leader     whether it is the namespace's elected leader
 * @param serverData its decoded server data ({@code null} when it has none)
 * @param inFlight   calls from this client waiting for its answer
 */
public record ServerInfo(String address, boolean leader, Object serverData, int inFlight) {
}
