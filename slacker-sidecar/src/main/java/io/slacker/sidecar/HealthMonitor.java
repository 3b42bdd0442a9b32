package io.slacker.sidecar;

import io.slacker.sidecar.app.AppClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the application's health URL every interval; after {@code failures} failed checks in a
 * row it reports the app down, after one good check it reports it up again. A check that does not
 * answer within the check timeout counts as failed.
 */
final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final AppClient app;
    private final String path;
    private final Duration interval;
    private final Duration timeout;
    private final int failures;
    private final Consumer<Boolean> onChange;
    private final ScheduledExecutorService timer;
    private int failed;
    private boolean up = true;

    /**
     * @param onChange told {@code false} when the app goes down, {@code true} when it is back
     *                 (on the monitor's thread, one at a time)
     */
    HealthMonitor(AppClient app, String path, Duration interval, Duration timeout, int failures, Consumer<Boolean> onChange) {
        this.app = app;
        this.path = path;
        this.interval = interval;
        this.timeout = timeout;
        this.failures = failures;
        this.onChange = onChange;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slacker-sidecar-health");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Whether the app counts as healthy. */
    synchronized boolean up() {
        return up;
    }

    private void check() {
        boolean ok;
        try {
            ok = app.healthy(path, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            ok = false;
        }
        Boolean changed = record(ok);
        if (changed != null) {
            LOG.info("application {} is {}", app.base(), changed ? "healthy again" : "unhealthy");
            try {
                onChange.accept(changed);
            } catch (RuntimeException e) {
                LOG.warn("acting on the health of {} failed: {}", app.base(), e.toString(), e);
            }
        }
    }

    private synchronized Boolean record(boolean ok) {
        if (ok) {
            failed = 0;
            if (!up) {
                up = true;
                return true;
            }
            return null;
        }
        failed++;
        if (up && failed >= failures) {
            up = false;
            return false;
        }
        return null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
