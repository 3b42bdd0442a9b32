package io.slacker.cluster.internal.zk;

import io.slacker.SlackerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Inspect answered from the registry: the published functions and their metadata. */
public final class RegistryReader {
    private final CuratorFramework curator;
    private final ZkPaths paths;
    private final Function<byte[], Object> edn;

    /** @param edn decodes the EDN of a function node */
    public RegistryReader(CuratorFramework curator, ZkPaths paths, Function<byte[], Object> edn) {
        this.curator = curator;
        this.paths = paths;
        this.edn = edn;
    }

    /** The {@code "ns/fn"} names published under a namespace ({@code null}: every namespace), sorted. */
    public List<String> functions(String ns) {
        try {
            List<String> out = new ArrayList<>();
            List<String> nss = ns != null ? List.of(ns) : curator.getChildren().forPath(paths.functions());
            for (String n : nss) {
                try {
                    for (String f : curator.getChildren().forPath(paths.functions(n))) {
                        out.add(n + "/" + f);
                    }
                } catch (KeeperException.NoNodeException e) {
                    // nothing published
                }
            }
            out.sort(null);
            return out;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new SlackerException("cannot read functions from ZooKeeper: " + e, e);
        }
    }

    /** The published metadata of {@code "ns/fn"}; empty when unknown. */
    public Map<?, ?> meta(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not ns/fn: " + fullName);
        }
        try {
            byte[] d = curator.getData().forPath(paths.function(fullName.substring(0, slash), fullName.substring(slash + 1)));
            Object v = d == null || d.length == 0 ? null : edn.apply(d);
            return v instanceof Map<?, ?> m ? m : Map.of();
        } catch (KeeperException.NoNodeException e) {
            return Map.of();
        } catch (Exception e) {
            throw new SlackerException("cannot read meta from ZooKeeper: " + e, e);
        }
    }
}
