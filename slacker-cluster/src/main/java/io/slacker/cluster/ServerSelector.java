package io.slacker.cluster;

import java.util.List;

/** Picks the servers one cluster call goes to; the built-in choices are the {@link Grouping} constants. */
@FunctionalInterface
public interface ServerSelector {
    /**
     * @param servers the live servers of the namespace, leader first (never empty)
     * @return the addresses to call; addresses not among {@code servers} are ignored, and an
     *         empty list makes the call unavailable
     */
    List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers);
}
