package io.slacker.internal.server;

import io.slacker.ContentType;
import io.slacker.spi.ServerObserver;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.ResultCode;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A reply that tells the server's observer how the call ended and how long it took, before the
 * answer goes out: whoever has the answer finds the call already counted.
 */
final class ObservedReply implements Reply {
    private final Reply target;
    private final ServerObserver observer;
    private final String namespace;
    private final String function;
    private final ContentType contentType;
    private final long startNanos;

    ObservedReply(Reply target, ServerObserver observer, String namespace, String function, ContentType contentType,
                  long startNanos) {
        this.target = target;
        this.observer = observer;
        this.namespace = namespace;
        this.function = function;
        this.contentType = contentType;
        this.startNanos = startNanos;
    }

    @Override
    public void respond(ResultCode code, byte[] data, List<Extension> extensions) {
        observe(code);
        target.respond(code, data, extensions);
    }

    @Override
    public void undecodable(byte[] encodedMessage, List<Extension> extensions, String message) {
        observe(ResultCode.EXCEPTION);
        target.undecodable(encodedMessage, extensions, message);
    }

    @Override
    public void error(ResultCode code, String reason) {
        observe(code);
        target.error(code, reason);
    }

    @Override
    public void done() {
        target.done();
    }

    @Override
    public boolean abandoned() {
        return target.abandoned();
    }

    @Override
    public boolean begin() {
        return target.begin();
    }

    @Override
    public void end() {
        target.end();
    }

    @Override
    public void pending(Future<?> completion) {
        target.pending(completion);
    }

    private void observe(ResultCode code) {
        try {
            observer.callCompleted(namespace, function, contentType, code.wireName(), System.nanoTime() - startNanos);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ObservedReply.class).warn("server observer failed", e);
        }
    }
}
