package io.slacker.internal.server;

import io.netty.channel.Channel;
import io.slacker.ConnectedClient;
import java.util.Map;

/** What the per-connection handlers share with their server. */
interface ServerContext {
    RequestProcessor processor();

    Inspector inspector();

    /** Connected clients, by channel (for inspect {@code :clients}). */
    Map<Channel, ConnectedClient> clients();

    /** The server's call lifecycle: in-flight calls, graceful stop. */
    CallGate gate();

    /** The version string sent in server-hello and inspect answers. */
    String version();
}
