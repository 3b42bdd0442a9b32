package io.slacker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a TCP stream into {@link Frame}s. Bytes that are not a valid frame become an
 * {@link InvalidFrame} message: when the bad frame could be skipped whole, decoding goes on with
 * the next one; otherwise every later byte is discarded (the connection should be closed by the
 * handler that sees the {@link InvalidFrame}). Buffering is bounded by the maximum body size.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxBody;
    private final FrameCodec.Reader reader = new FrameCodec.Reader();
    private boolean failed;

    /** A decoder accepting frames with up to {@link FrameCodec#DEFAULT_MAX_BODY} body bytes. */
    public FrameDecoder() {
        this(FrameCodec.DEFAULT_MAX_BODY);
    }

    /** A decoder accepting frames with up to {@code maxBody} declared body bytes. */
    public FrameDecoder(int maxBody) {
        if (maxBody < 0) {
            throw new IllegalArgumentException("maxBody < 0");
        }
        this.maxBody = maxBody;
    }

    /** Bytes received and held for a frame not complete yet. */
    public int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    /** The version byte of the frame being received, or {@link Frame#V6} when not known yet. */
    public int pendingVersion() {
        ByteBuf b = internalBuffer();
        int v = b.readableBytes() >= 1 ? b.getUnsignedByte(b.readerIndex()) : Frame.V6;
        return v == Frame.V5 ? v : Frame.V6;
    }

    /** The transaction id of the frame being received, or 0 when not known yet. */
    public int pendingTid() {
        ByteBuf b = internalBuffer();
        return b.readableBytes() >= 5 ? b.getInt(b.readerIndex() + 1) : 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = FrameCodec.decode(in, maxBody, reader);
            if (frame != null) {
                out.add(frame);
            }
        } catch (MalformedFrameException e) {
            if (!e.recoverable()) {
                failed = true;
                in.skipBytes(in.readableBytes());
            }
            out.add(new InvalidFrame(e));
        }
    }
}
