package io.slacker.cluster.internal.zk;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.curator.utils.ZookeeperCompatibility;

/**
 * Curator client construction and small ZooKeeper helpers. The clients made here use one-shot
 * watches only ({@link #COMPATIBILITY}), so every recipe works with ZooKeeper servers 3.5 and later.
 */
public final class Zk {
    /** No persistent recursive watches: they exist only in ZooKeeper servers 3.6 and later. */
    public static final ZookeeperCompatibility COMPATIBILITY = ZookeeperCompatibility.builder()
        .hasPersistentWatchers(false).build();
    /** How long the version check waits for each server. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private Zk() {
    }

    /**
     * A started Curator client, connected within {@code connectTimeout}, working with ZooKeeper
     * servers 3.5 and later.
     *
     * @throws IllegalStateException when ZooKeeper cannot be reached in time, or its version is
     *                               known to be older than 3.5
     */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectTimeout) {
        CuratorFramework c = newClient(connectString, sessionTimeout, connectTimeout);
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
        try {
            requireUsable(c, connectTimeout);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A Curator client, not started, configured as {@link #connect} configures it. */
    public static CuratorFramework newClient(String connectString, Duration sessionTimeout, Duration connectTimeout) {
        CuratorFramework c = CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs((int) Math.min(connectTimeout.toMillis(), sessionTimeout.toMillis()))
            // a few quick retries; recipes (PersistentNode, LeaderSelector, CuratorCache) start
            // over by themselves after a reconnect
            // (bounded: ExponentialBackoffRetry logs a WARN each time it caps a sleep)
            .retryPolicy(new BoundedExponentialBackoffRetry(100, 1000, 5))
            .zookeeperCompatibility(COMPATIBILITY)
            .build();
        ConnectionLog.quietCurator();
        ConnectionLog.attach(c, connectString);
        return c;
    }

    /**
     * Refuses a ZooKeeper server this library cannot work with through {@code client}: one older
     * than 3.5, or one older than 3.6 when the client uses persistent watches. A server that does
     * not tell its version (the {@code srvr} command disabled) is given the benefit of the doubt.
     *
     * @throws IllegalStateException naming the server version
     */
    public static void requireUsable(CuratorFramework client, Duration timeout) {
        String connect = client.getZookeeperClient().getCurrentConnectionString();
        Duration perServer = timeout.compareTo(PROBE_TIMEOUT) < 0 ? timeout : PROBE_TIMEOUT;
        ServerVersion v = ServerVersion.ask(connect, perServer).orElse(null);
        if (v == null) {
            return;
        }
        if (!v.isSupported()) {
            throw new IllegalStateException("ZooKeeper server " + v.text() + " at " + connect
                + " is not supported: slacker needs ZooKeeper 3.5 or later");
        }
        if (!v.hasPersistentWatches() && client.getZookeeperCompatibility().hasPersistentWatchers()) {
            throw new IllegalStateException("ZooKeeper server " + v.text() + " at " + connect
                + " has no persistent watches (3.6 and later have them): build the Curator client with"
                + " .zookeeperCompatibility(ZookeeperCompatibility.builder().hasPersistentWatchers(false).build())");
        }
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
