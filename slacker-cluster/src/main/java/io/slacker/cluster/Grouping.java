package io.slacker.cluster;

import io.slacker.data.Keyword;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in choices of which servers of a namespace a cluster call goes to (slacker's
 * {@code :grouping}). Each is a {@link ServerSelector}; a user-defined choice is another one.
 */
public enum Grouping implements ServerSelector {
    /** One server picked at random (the default). */
    RANDOM {
        @Override
        public List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers) {
            return List.of(servers.get(ThreadLocalRandom.current().nextInt(servers.size())).address());
        }
    },
    /** The first server: the leader when there is one, then the others by address. */
    FIRST {
        @Override
        public List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers) {
            return List.of(servers.get(0).address());
        }
    },
    /** The elected leader only; unavailable while the namespace has no live leader. */
    LEADER {
        @Override
        public List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers) {
            for (ServerInfo s : servers) {
                if (s.leader()) {
                    return List.of(s.address());
                }
            }
            return List.of();
        }
    },
    /** The server with the fewest calls waiting for an answer from this client (ties broken at random). */
    LEAST_IN_FLIGHT {
        @Override
        public List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers) {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            ServerInfo best = null;
            int ties = 0;
            for (ServerInfo s : servers) {
                if (best == null || s.inFlight() < best.inFlight()) {
                    best = s;
                    ties = 1;
                } else if (s.inFlight() == best.inFlight() && rnd.nextInt(++ties) == 0) {
                    best = s; // reservoir pick among equals
                }
            }
            return List.of(best.address());
        }
    },
    /** One server at random, in proportion to the {@code :weight} of its server data (default 1). */
    WEIGHTED {
        @Override
        public List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers) {
            double[] w = new double[servers.size()];
            double total = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = weight(servers.get(i).serverData());
                total += w[i];
            }
            if (total <= 0) {
                return RANDOM.select(namespace, function, args, servers);
            }
            double r = ThreadLocalRandom.current().nextDouble(total);
            for (int i = 0; i < w.length; i++) {
                r -= w[i];
                if (r < 0) {
                    return List.of(servers.get(i).address());
                }
            }
            return List.of(servers.get(w.length - 1).address());
        }
    },
    /** Every server; the answers are combined by the call's {@link ResultMerger}. */
    ALL {
        @Override
        public List<String> select(String namespace, String function, List<?> args, List<ServerInfo> servers) {
            List<String> out = new ArrayList<>(servers.size());
            for (ServerInfo s : servers) {
                out.add(s.address());
            }
            return out;
        }
    };

    private static final Keyword WEIGHT = Keyword.of("weight");

    private static double weight(Object serverData) {
        if (serverData instanceof Map<?, ?> m && m.get(WEIGHT) instanceof Number n) {
            return Math.max(0, n.doubleValue());
        }
        return 1;
    }
}
