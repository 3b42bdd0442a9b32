package io.slacker.internal.server;

import io.slacker.spi.ServerStats;
import java.util.List;

/** A running server's gauges, read live for its observer. */
final class LiveStats implements ServerStats {
    private final ServerContext context;
    private final List<WorkerPool> pools;

    LiveStats(ServerContext context, List<WorkerPool> pools) {
        this.context = context;
        this.pools = pools;
    }

    @Override
    public int inFlight() {
        return context.gate().inFlight();
    }

    @Override
    public int connections() {
        return context.clients().size();
    }

    @Override
    public int workersActive() {
        int n = 0;
        for (WorkerPool p : pools) {
            n += p.active();
        }
        return n;
    }

    @Override
    public int workersQueued() {
        int n = 0;
        for (WorkerPool p : pools) {
            n += p.queued();
        }
        return n;
    }
}
