package io.slacker.cluster.zk;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;

/** Curator client construction and small ZooKeeper helpers. */
public final class Zk {
    private Zk() {
    }

    /**
     * A started Curator client, connected within {@code connectTimeout}.
     *
     * @throws IllegalStateException when ZooKeeper cannot be reached in time
     */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectTimeout) {
        CuratorFramework c = CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs((int) Math.min(connectTimeout.toMillis(), sessionTimeout.toMillis()))
            // a few quick retries; recipes (PersistentNode, LeaderSelector, CuratorCache) start
            // over by themselves after a reconnect
            // (bounded: ExponentialBackoffRetry logs a WARN each time it caps a sleep)
            .retryPolicy(new BoundedExponentialBackoffRetry(100, 1000, 5))
            .build();
        ConnectionLog.quietCurator();
        ConnectionLog.attach(c, connectString);
        c.start();
        boolean ok;
        try {
            ok = c.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (!ok) {
            c.close();
            throw new IllegalStateException("cannot connect to ZooKeeper at " + connectString + " within " + connectTimeout);
        }
        return c;
    }

    /**
     * The local IP address this host uses to reach the first server of a connect string (no
     * packet is sent), or the local host's address when that cannot be told.
     */
    public static String localAddressTowards(String connectString) {
        String first = connectString.split(",")[0].trim();
        int slash = first.indexOf('/');
        if (slash >= 0) {
            first = first.substring(0, slash);
        }
        String host = first;
        int port = 2181;
        int colon = first.lastIndexOf(':');
        if (colon > 0 && first.indexOf(':') == colon) {
            host = first.substring(0, colon);
            port = Integer.parseInt(first.substring(colon + 1));
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(InetAddress.getByName(host), port);
            InetAddress local = s.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                return local.getHostAddress();
            }
        } catch (Exception e) {
            // fall through
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (Exception e) {
            return "127.0.0.1";
        }
    }
}
