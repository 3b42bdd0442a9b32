package io.slacker.cli;

import io.slacker.ConnectionBrokenException;
import io.slacker.cluster.internal.zk.Zk;
import io.slacker.cluster.internal.zk.ZkPaths;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Option;

/** Where the cluster registry is: ZooKeeper, root, cluster name. */
final class ZkOptions {
    @Option(names = "--zk", paramLabel = "HOST:PORT[,...]", description = "The ZooKeeper connect string.")
    String zookeeper;

    @Option(names = "--cluster", paramLabel = "NAME", description = "The cluster name.")
    String cluster;

    @Option(names = "--root", paramLabel = "PATH", description = "The registry root (default: /slacker/cluster).")
    String root;

    @Option(names = "--zk-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "How long to wait for ZooKeeper (default: 10s).")
    Duration zkTimeout;

    /** These options, with the unset ones taken from {@code fallback} (the parent command's). */
    ZkOptions or(ZkOptions fallback) {
        ZkOptions o = new ZkOptions();
        o.zookeeper = zookeeper != null ? zookeeper : fallback == null ? null : fallback.zookeeper;
        o.cluster = cluster != null ? cluster : fallback == null ? null : fallback.cluster;
        o.root = root != null ? root : fallback == null ? null : fallback.root;
        o.zkTimeout = zkTimeout != null ? zkTimeout : fallback == null ? null : fallback.zkTimeout;
        return o;
    }

    String root() {
        return root != null ? root : ZkPaths.DEFAULT_ROOT;
    }

    Duration timeout() {
        return zkTimeout != null ? zkTimeout : Duration.ofSeconds(10);
    }

    /** A connected Curator client. */
    CuratorFramework connect() {
        try {
            Duration t = timeout();
            return Zk.connect(zookeeper, t.compareTo(Duration.ofSeconds(10)) > 0 ? t : Duration.ofSeconds(10), t);
        } catch (IllegalStateException e) {
            throw new ConnectionBrokenException("cannot reach ZooKeeper at " + zookeeper + " within " + timeout().toMillis()
                + " ms", e);
        }
    }
}
