package io.slacker.cluster.internal.zk;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.DebugUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per ZooKeeper connection-state change (suspended, lost, reconnected, read-only)
 * and nothing per retry. Curator itself logs every failed background retry at ERROR during an
 * outage; {@link #quietCurator()} turns that off through Curator's own switch, the system property
 * {@value DebugUtils#PROPERTY_DONT_LOG_CONNECTION_ISSUES}, unless it is set already. (ZooKeeper's
 * {@code org.apache.zookeeper.ClientCnxn} still logs each reconnect attempt at WARN; set that
 * logger to ERROR in the logging configuration to silence it.)
 */
public final class ConnectionLog implements ConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLog.class);

    private final String connectString;

    private ConnectionLog(String connectString) {
        this.connectString = connectString;
    }

    /** Logs the state changes of this client. */
    public static void attach(CuratorFramework client, String connectString) {
        client.getConnectionStateListenable().addListener(new ConnectionLog(connectString));
    }

    /** Stops Curator logging each connection problem at ERROR, unless configured otherwise. */
    public static void quietCurator() {
        if (System.getProperty(DebugUtils.PROPERTY_DONT_LOG_CONNECTION_ISSUES) == null) {
            System.setProperty(DebugUtils.PROPERTY_DONT_LOG_CONNECTION_ISSUES, "true");
        }
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState state) {
        switch (state) {
            case SUSPENDED -> LOG.warn("ZooKeeper connection to {} suspended; retrying", connectString);
            case LOST -> LOG.warn("ZooKeeper session with {} lost; reconnecting, registrations will be restored",
                connectString);
            case RECONNECTED -> LOG.warn("ZooKeeper connection to {} re-established", connectString);
            case READ_ONLY -> LOG.warn("ZooKeeper connection to {} is read-only", connectString);
            default -> LOG.debug("ZooKeeper connection to {}: {}", connectString, state);
        }
    }
}
