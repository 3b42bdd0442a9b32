package io.slacker.gateway.internal;

/** The gateway's znode paths, next to the cluster's ({@code <root>/<cluster>/gateway/{settings,routes,keys}}). */
final class ZkLayout {
    /** The cluster module's default registry root. */
    static final String DEFAULT_ROOT = "/slacker/cluster";

    private ZkLayout() {
    }

    /** {@code <root>/<cluster>}, the root normalised as the cluster module does. */
    static String clusterPath(String root, String cluster) {
        if (cluster == null || cluster.isEmpty() || cluster.contains("/")) {
            throw new IllegalArgumentException("bad cluster name: " + cluster);
        }
        String r = root == null || root.isEmpty() ? DEFAULT_ROOT : root;
        if (!r.startsWith("/")) {
            r = "/" + r;
        }
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return (r.equals("/") ? "" : r) + "/" + cluster;
    }
}
