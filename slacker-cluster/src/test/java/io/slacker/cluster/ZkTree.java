package io.slacker.cluster;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/** Dumps a znode subtree (path, ephemeral flag, data) for layout comparisons. */
final class ZkTree {
    record Node(String path, boolean ephemeral, String dataHex) implements Comparable<Node> {
        @Override
        public int compareTo(Node o) {
            int c = path.compareTo(o.path);
            if (c != 0) {
                return c;
            }
            return String.valueOf(dataHex).compareTo(String.valueOf(o.dataHex));
        }

        @Override
        public String toString() {
            return path + (ephemeral ? " E " : " P ") + dataHex;
        }
    }

    private ZkTree() {
    }

    static List<Node> dump(CuratorFramework c, String root) throws Exception {
        List<Node> out = new ArrayList<>();
        walk(c, root, out);
        return out;
    }

    private static void walk(CuratorFramework c, String path, List<Node> out) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = c.getData().storingStatIn(stat).forPath(path);
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return;
        }
        out.add(new Node(path, stat.getEphemeralOwner() != 0, data == null ? null : HexFormat.of().formatHex(data)));
        List<String> children;
        try {
            children = c.getChildren().forPath(path);
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return;
        }
        for (String child : children) {
            walk(c, (path.equals("/") ? "" : path) + "/" + child, out);
        }
    }
}
