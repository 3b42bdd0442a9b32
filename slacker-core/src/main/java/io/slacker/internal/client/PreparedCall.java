package io.slacker.internal.client;

import io.netty.buffer.ByteBuf;
import io.slacker.ContentType;
import io.slacker.internal.call.CallState;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.FrameCodec;
import io.slacker.spi.Serializer;
import java.util.List;

/**
 * A prepared request in flight, encoded from its parts (no request frame object); completes
 * with the reply frame.
 */
class PreparedCall extends PendingCall {
    /** The effective settings of one call. */
    record Settings(ContentType contentType, int version, long timeoutMillis, boolean interrupt) {
    }

    /**
     * A request ready to send, with the context its answer is processed in; or, when a
     * {@code before} stage decided the outcome ({@code data == null}), the call's local answer.
     * {@code start} is the call's start ({@link System#nanoTime}) when an observer wants durations.
     */
    record Prepared(CallState ctx, Settings settings, Serializer serializer, byte[] data, List<Extension> exts,
                   long start) {
        boolean shortCircuited() {
            return data == null;
        }
    }

    final Prepared prepared;

    PreparedCall(Prepared p, int tid) {
        super(tid, p.settings().timeoutMillis());
        this.prepared = p;
    }

    @Override
    String description() {
        return prepared.ctx().fullName();
    }

    @Override
    int version() {
        return prepared.settings().version();
    }

    @Override
    long timeoutMillis() {
        return prepared.settings().timeoutMillis();
    }

    @Override
    boolean interruptOnTimeout() {
        return prepared.settings().interrupt();
    }

    @Override
    int sizeHint() {
        return FrameCodec.requestSizeHint(prepared.ctx().fullName(), prepared.data(), prepared.exts());
    }

    @Override
    void encode(ByteBuf out) {
        FrameCodec.encodeRequest(version(), tid, prepared.settings().contentType().code(), prepared.ctx().fullName(),
            prepared.data(), prepared.exts(), out);
    }
}
