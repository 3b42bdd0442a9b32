package io.slacker.cluster.internal.zk;

import java.util.Objects;

/**
 * The znode paths of one slacker cluster (the layout of the Clojure slacker-cluster):
 * {@code ROOT/C/servers/host:port}, {@code ROOT/C/namespaces/NS[/host:port|/_leader[/mutex]]},
 * {@code ROOT/C/functions/NS/FN}. Names are used as path segments as they are, unescaped.
 */
public final class ZkPaths {
    /** The default root. */
    public static final String DEFAULT_ROOT = "/slacker/cluster";
    /** The child of a namespace node holding the leader's address. */
    public static final String LEADER = "_leader";

    private final String cluster;

    /**
     * @param root    the root, e.g. {@code /slacker/cluster} (a trailing slash is ignored)
     * @param cluster the cluster name
     */
    public ZkPaths(String root, String cluster) {
        Objects.requireNonNull(cluster, "cluster");
        if (cluster.isEmpty() || cluster.contains("/")) {
            throw new IllegalArgumentException("bad cluster name: " + cluster);
        }
        String r = root == null || root.isEmpty() ? DEFAULT_ROOT : root;
        if (!r.startsWith("/")) {
            r = "/" + r;
        }
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        this.cluster = (r.equals("/") ? "" : r) + "/" + cluster;
    }

    /** {@code ROOT/C}. */
    public String cluster() {
        return cluster;
    }

    /** {@code ROOT/C/servers}. */
    public String servers() {
        return cluster + "/servers";
    }

    /** {@code ROOT/C/servers/ADDR}. */
    public String server(String address) {
        return servers() + "/" + address;
    }

    /** {@code ROOT/C/namespaces}. */
    public String namespaces() {
        return cluster + "/namespaces";
    }

    /** {@code ROOT/C/namespaces/NS}. */
    public String namespace(String ns) {
        return namespaces() + "/" + ns;
    }

    /** {@code ROOT/C/namespaces/NS/ADDR}. */
    public String namespaceServer(String ns, String address) {
        return namespace(ns) + "/" + address;
    }

    /** {@code ROOT/C/namespaces/NS/_leader}. */
    public String leader(String ns) {
        return namespace(ns) + "/" + LEADER;
    }

    /** {@code ROOT/C/namespaces/NS/_leader/mutex}. */
    public String mutex(String ns) {
        return leader(ns) + "/mutex";
    }

    /** {@code ROOT/C/functions}. */
    public String functions() {
        return cluster + "/functions";
    }

    /** {@code ROOT/C/functions/NS}. */
    public String functions(String ns) {
        return functions() + "/" + ns;
    }

    /** {@code ROOT/C/functions/NS/FN}. */
    public String function(String ns, String fn) {
        return functions(ns) + "/" + fn;
    }

    /** The last segment of a path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The parent of a path. */
    public static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** Whether a namespace child is metadata ({@code _leader} and the like) rather than a server. */
    public static boolean isMetadata(String childName) {
        return childName.startsWith("_");
    }
}
