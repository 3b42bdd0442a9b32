package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;

/** A pending call whose request is a ready {@link Frame} (inspect requests); completes with the reply frame. */
class FrameCall extends PendingCall {
    private final Frame request;
    private final String description;
    private final long timeoutMillis;
    private final boolean interruptOnTimeout;

    FrameCall(Frame request, String description, long timeoutMillis, boolean interruptOnTimeout) {
        super(request.tid(), timeoutMillis);
        this.request = request;
        this.description = description;
        this.timeoutMillis = timeoutMillis;
        this.interruptOnTimeout = interruptOnTimeout;
    }

    @Override
    String description() {
        return description;
    }

    @Override
    int version() {
        return request.version();
    }

    @Override
    long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    boolean interruptOnTimeout() {
        return interruptOnTimeout;
    }

    @Override
    int sizeHint() {
        return FrameCodec.sizeHint(request);
    }

    @Override
    void encode(ByteBuf out) {
        FrameCodec.encode(request, out);
    }
}
