package io.slacker.dashboard;

import io.slacker.ContentType;
import io.slacker.data.Keyword;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import io.slacker.internal.serialization.edn.EdnPrinter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;

/**
 * Reads one cluster's part of the ZooKeeper tree (the slacker-cluster layout: {@code servers/},
 * {@code namespaces/NS/{ADDR,_leader}}, {@code functions/NS/FN}), leaving a one-shot watch on every
 * node it reads. Plain watches work with every ZooKeeper 3.5+ server; whoever receives an event
 * reads the tree again, which re-arms them.
 */
final class ClusterTree {
    private static final String LEADER = "_leader";
    private static final Keyword DOC = Keyword.of("doc");
    private static final Keyword ARGLISTS = Keyword.of("arglists");

    private final CuratorFramework curator;
    private final String base;
    private final Watcher watcher;
    private final Serializer edn = Serializers.defaults().get(ContentType.CLJ);

    /**
     * @param root    the registry root, e.g. {@code /slacker/cluster}
     * @param watcher told about every change of a node read
     */
    ClusterTree(CuratorFramework curator, String root, String cluster, Watcher watcher) {
        this.curator = curator;
        String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.base = r + "/" + cluster;
        this.watcher = watcher;
    }

    /** The namespaces, and the servers without their figures. */
    record Read(List<ClusterSnapshot.NamespaceView> namespaces, List<ClusterSnapshot.ServerView> servers) {
    }

    Read read() throws Exception {
        List<ClusterSnapshot.NamespaceView> namespaces = new ArrayList<>();
        for (String ns : children(base + "/namespaces")) {
            String nsPath = base + "/namespaces/" + ns;
            List<String> servers = new ArrayList<>();
            for (String child : children(nsPath)) {
                if (!child.equals(LEADER)) {
                    servers.add(child);
                }
            }
            String leader = text(nsPath + "/" + LEADER);
            if (leader != null && !servers.contains(leader)) {
                leader = null;   // a stale leader node: its server is gone
            }
            if (leader != null) {
                servers.remove(leader);
                servers.add(0, leader);
            }
            namespaces.add(new ClusterSnapshot.NamespaceView(ns, leader, servers, functions(ns)));
        }
        List<ClusterSnapshot.ServerView> servers = new ArrayList<>();
        for (String address : children(base + "/servers")) {
            List<String> online = new ArrayList<>();
            List<String> leading = new ArrayList<>();
            for (ClusterSnapshot.NamespaceView n : namespaces) {
                if (n.servers().contains(address)) {
                    online.add(n.name());
                }
                if (address.equals(n.leader())) {
                    leading.add(n.name());
                }
            }
            String data = text(base + "/servers/" + address);
            servers.add(new ClusterSnapshot.ServerView(address, online, leading, data, metricsUrl(address, data), null));
        }
        return new Read(namespaces, servers);
    }

    private List<ClusterSnapshot.FunctionView> functions(String ns) throws Exception {
        List<ClusterSnapshot.FunctionView> out = new ArrayList<>();
        String nsPath = base + "/functions/" + ns;
        for (String fn : children(nsPath)) {
            byte[] raw = data(nsPath + "/" + fn);
            String doc = null;
            String arglists = null;
            if (raw != null && raw.length > 0) {
                try {
                    if (edn.deserialize(raw) instanceof Map<?, ?> m) {
                        doc = m.get(DOC) instanceof String s ? s : null;
                        arglists = m.get(ARGLISTS) == null ? null : EdnPrinter.standard().print(m.get(ARGLISTS));
                    }
                } catch (RuntimeException e) {
                    doc = null;   // not EDN we understand: shown without docs
                }
            }
            out.add(new ClusterSnapshot.FunctionView(fn, doc, arglists));
        }
        return out;
    }

    /**
     * Where a server's Prometheus figures are: {@code :metrics-url "http://..."} in its server
     * data, or {@code :http-port N} (then {@code http://HOST:N/metrics}); else null.
     */
    String metricsUrl(String address, String data) {
        if (data == null || data.isBlank()) {
            return null;
        }
        Object value;
        try {
            value = edn.deserialize(data.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        if (m.get(Keyword.of("metrics-url")) instanceof String url) {
            return url;
        }
        if (m.get(Keyword.of("http-port")) instanceof Number port) {
            int colon = address.lastIndexOf(':');
            String host = colon > 0 ? address.substring(0, colon) : address;
            return "http://" + host + ":" + port.intValue() + "/metrics";
        }
        return null;
    }

    private List<String> children(String path) throws Exception {
        try {
            List<String> c = new ArrayList<>(curator.getChildren().usingWatcher(watcher).forPath(path));
            Collections.sort(c);
            return c;
        } catch (KeeperException.NoNodeException e) {
            // watch the parent's appearance instead: exists() leaves a watch on a missing node
            curator.checkExists().usingWatcher(watcher).forPath(path);
            return List.of();
        }
    }

    private byte[] data(String path) throws Exception {
        try {
            return curator.getData().usingWatcher(watcher).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    private String text(String path) throws Exception {
        byte[] b = data(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
