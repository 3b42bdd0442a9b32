package io.slacker.internal.client;

import io.slacker.internal.call.CallState;
import io.slacker.spi.ClientObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a {@link ClientObserver} about calls; an observer's failure is logged and never becomes the call's. */
final class Observing {
    private static final Logger LOG = LoggerFactory.getLogger(Observing.class);

    private Observing() {
    }

    /** A finished call that started at {@code start} ({@link System#nanoTime}). */
    static void completed(ClientObserver observer, CallState ctx, long start) {
        if (observer == ClientObserver.NONE) {
            return;
        }
        try {
            observer.callCompleted(ctx.namespace(), ctx.function(), ctx.contentType(), ctx.error(), System.nanoTime() - start);
        } catch (RuntimeException e) {
            LOG.warn("client observer failed on {}: {}", ctx.fullName(), e.toString());
        }
    }

    /** A fire-and-forget call written ({@code error == null}) or not. */
    static void sent(ClientObserver observer, CallState ctx, Throwable error) {
        if (observer == ClientObserver.NONE) {
            return;
        }
        try {
            observer.callSent(ctx.namespace(), ctx.function(), ctx.contentType(), error);
        } catch (RuntimeException e) {
            LOG.warn("client observer failed on {}: {}", ctx.fullName(), e.toString());
        }
    }
}
