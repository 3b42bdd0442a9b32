package io.slacker.server;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What the per-connection handlers share with their server. */
interface ServerContext {
    RequestProcessor processor();

    Inspector inspector();

    /** Connected clients, by channel (for inspect {@code :clients}). */
    Map<Channel, ConnectedClient> clients();

    /** Calls accepted and not answered yet, server-wide. */
    AtomicInteger inFlight();

    /** The version string sent in server-hello and inspect answers. */
    String version();

    /** Whether a graceful stop has begun. */
    boolean closing();
}
