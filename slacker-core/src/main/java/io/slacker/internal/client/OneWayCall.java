package io.slacker.internal.client;

import io.slacker.spi.ClientObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fire-and-forget request: written through the channel's {@link RequestWriter} like any call
 * (batched with the others), but never pending: no answer, no timeout. Whether it was written
 * goes to the log (on failure) and the observer.
 */
final class OneWayCall extends PreparedCall {
    private static final Logger LOG = LoggerFactory.getLogger(OneWayCall.class);
    private final ClientObserver observer;

    OneWayCall(Prepared p, int tid, ClientObserver observer) {
        super(p, tid);
        this.observer = observer;
    }

    @Override
    boolean expectsAnswer() {
        return false;
    }

    @Override
    void sent() {
        Observing.sent(observer, prepared.ctx(), null);
        complete(null);
    }

    @Override
    void failed(Throwable error) {
        LOG.warn("fire-and-forget call {} not sent: {}", description(), error.getMessage());
        Observing.sent(observer, prepared.ctx(), error);
        super.failed(error);
    }
}
