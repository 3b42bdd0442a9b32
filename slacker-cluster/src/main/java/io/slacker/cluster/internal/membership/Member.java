package io.slacker.cluster.internal.membership;

import io.slacker.SlackerClient;
import java.util.concurrent.atomic.AtomicInteger;

/** One server of the cluster, its connection, and its health as calls to it found it. */
public final class Member {
    private static final long BACKOFF_MIN_MS = 200;
    private static final long BACKOFF_MAX_MS = 5000;

    private final String address;
    private final SlackerClient client;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long downUntil;

    Member(String address, SlackerClient client) {
        this.address = address;
        this.client = client;
    }

    /** {@code host:port}. */
    public String address() {
        return address;
    }

    /** The connection to it. */
    public SlackerClient client() {
        return client;
    }

    /** Whether it is not in a backoff after a broken connection. */
    public boolean healthy(long now) {
        return downUntil <= now;
    }

    /** A call found its connection broken: avoid it for a growing while. */
    public void broken() {
        int n = Math.min(failures.incrementAndGet(), 10);
        downUntil = System.currentTimeMillis() + Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS << (n - 1));
    }

    /** A call reached it. */
    public void fine() {
        if (failures.get() != 0) {
            failures.set(0);
            downUntil = 0;
        }
    }
}
