package io.slacker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of slacker frames (big-endian, no outer length prefix): parsing from and
 * writing to Netty buffers. Stateless and thread-safe.
 *
 * <p>Parsing is incremental: {@link #decode} reads at the buffer's reader index and, when the
 * buffer does not yet hold a whole frame, returns {@code null} without consuming anything, so it
 * can be called again when more bytes arrive. Length fields are checked against the maximum
 * before any body is awaited or allocated.
 */
public final class FrameCodec {
    /** Default maximum of a frame's declared body bytes: 16 MiB. */
    public static final int DEFAULT_MAX_BODY = 16 * 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];
    /** One cursor per thread, reused by every decode on it (decoding does not nest). */
    private static final FastThreadLocal<Cursor> CURSOR = new FastThreadLocal<>() {
        @Override
        protected Cursor initialValue() {
            return new Cursor(null);
        }
    };

    private FrameCodec() {
    }

    /**
     * Reads one frame.
     *
     * @param in      bytes received; on success its reader index moves past the frame
     * @param maxBody the largest total of declared payload/extension bytes accepted
     * @return the frame, or {@code null} when more bytes are needed (nothing consumed)
     * @throws MalformedFrameException when the bytes are not a valid frame; when
     *                           {@link MalformedFrameException#recoverable()} the bad frame has been consumed
     */
    public static Frame decode(ByteBuf in, int maxBody) {
        return decode(in, maxBody, null);
    }

    /**
     * Reads one frame, as {@link #decode(ByteBuf, int)}, with the state one connection keeps
     * between frames (saves a cursor and the function-name string per request).
     *
     * @param reader the connection's reader, or null for a one-off
     */
    public static Frame decode(ByteBuf in, int maxBody, Reader reader) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (end - start < 1) {
            return null;
        }
        int version = in.getUnsignedByte(start);
        if (version != Frame.V5 && version != Frame.V6) {
            int tid = end - start >= 5 ? in.getInt(start + 1) : 0;
            throw new MalformedFrameException("unsupported protocol version " + version,
                ResultCode.PROTOCOL_MISMATCH, Frame.V6, tid, false);
        }
        if (end - start < 6) {
            return null;
        }
        int tid = in.getInt(start + 1);
        int typeCode = in.getUnsignedByte(start + 5);
        PacketType type = PacketType.fromCode(typeCode);
        if (type == null) {
            throw new MalformedFrameException("packet type " + typeCode + " is not defined for version " + version,
                ResultCode.INVALID_PACKET, version, tid, false);
        }
        Cursor c = (reader == null ? CURSOR.get() : reader.cursor).reset(in, start + 6, end, maxBody, version, tid);
        Frame frame;
        try {
            frame = body(c, version, tid, type);
        } catch (NeedMore e) {
            return null;
        } finally {
            c.buf = null;
        }
        in.readerIndex(c.pos);
        if (!type.definedIn(version)) {
            throw new MalformedFrameException("packet type " + typeCode + " is not defined for version " + version,
                ResultCode.INVALID_PACKET, version, tid, true);
        }
        return frame;
    }

    private static Frame body(Cursor c, int version, int tid, PacketType type) {
        return switch (type) {
            case REQUEST -> {
                int ct = c.u8();
                String fname = c.name16();
                byte[] data = c.blob32();
                yield new Frame.Request(version, tid, ct, fname, data, c.extensions());
            }
            case RESPONSE -> {
                int ct = c.u8();
                int code = c.u8();
                byte[] data = c.blob32();
                yield new Frame.Response(version, tid, ct, code, data, c.extensions());
            }
            case PING -> new Frame.Ping(version, tid);
            case PONG -> new Frame.Pong(version, tid);
            case ERROR -> new Frame.Error(version, tid, c.u8());
            case AUTH_REQ -> new Frame.AuthRequest(version, tid, c.str16());
            case AUTH_ACK -> new Frame.AuthAck(version, tid, c.u8());
            case INSPECT_REQ -> {
                int cmd = c.u8();
                yield new Frame.InspectRequest(version, tid, cmd, c.blob16());
            }
            case INSPECT_ACK -> new Frame.InspectAck(version, tid, c.blob16());
            case INTERRUPT -> new Frame.Interrupt(version, tid, c.i32());
            case CLIENT_HELLO -> {
                String v = c.str16();
                yield new Frame.ClientHello(version, tid, v, c.str16());
            }
            case SERVER_HELLO -> new Frame.ServerHello(version, tid, c.str16());
        };
    }

    /**
     * Writes one frame. Protocol v5 has no extension section: a v5 request or response drops
     * its extensions, as the Clojure codec does.
     *
     * @throws IllegalArgumentException when the frame cannot be represented (a hello in v5, a
     *                                  name or inspect payload over 65535 bytes, a bad version)
     */
    public static void encode(Frame frame, ByteBuf out) {
        int version = frame.version();
        if (version != Frame.V5 && version != Frame.V6) {
            throw new IllegalArgumentException("unsupported protocol version " + version);
        }
        if (!frame.type().definedIn(version)) {
            throw new IllegalArgumentException(frame.type() + " does not exist in protocol version " + version);
        }
        out.writeByte(version).writeInt(frame.tid()).writeByte(frame.type().code());
        switch (frame.type()) {
            case REQUEST -> {
                Frame.Request r = (Frame.Request) frame;
                requestBody(out, version, r.contentTypeCode(), r.fname(), r.data(), r.extensions());
            }
            case RESPONSE -> {
                Frame.Response r = (Frame.Response) frame;
                responseBody(out, version, r.contentTypeCode(), r.resultCodeValue(), r.data(), r.extensions());
            }
            case PING, PONG -> { }
            case ERROR -> out.writeByte(((Frame.Error) frame).resultCodeValue());
            case AUTH_REQ -> str16(out, ((Frame.AuthRequest) frame).auth());
            case AUTH_ACK -> out.writeByte(((Frame.AuthAck) frame).result());
            case INSPECT_REQ -> {
                Frame.InspectRequest i = (Frame.InspectRequest) frame;
                out.writeByte(i.commandCode());
                blob16(out, i.data());
            }
            case INSPECT_ACK -> blob16(out, ((Frame.InspectAck) frame).data());
            case INTERRUPT -> out.writeInt(((Frame.Interrupt) frame).targetTid());
            case CLIENT_HELLO -> {
                Frame.ClientHello h = (Frame.ClientHello) frame;
                str16(out, h.clientVersion());
                str16(out, h.clientName());
            }
            case SERVER_HELLO -> str16(out, ((Frame.ServerHello) frame).serverVersion());
        }
    }

    /**
     * Writes a request frame from its parts, byte for byte as {@link #encode} writes the
     * {@link Frame.Request} of these parts (for a caller that keeps the parts, not the frame).
     *
     * @throws IllegalArgumentException as {@link #encode}
     */
    public static void encodeRequest(int version, int tid, int contentTypeCode, String fname, byte[] data,
                                     List<Extension> extensions, ByteBuf out) {
        if (version != Frame.V5 && version != Frame.V6) {
            throw new IllegalArgumentException("unsupported protocol version " + version);
        }
        out.writeByte(version).writeInt(tid).writeByte(PacketType.REQUEST.code());
        requestBody(out, version, contentTypeCode, fname, data, extensions);
    }

    /** {@link #sizeHint} of the request {@link #encodeRequest} writes from these parts. */
    public static int requestSizeHint(String fname, byte[] data, List<Extension> extensions) {
        return 6 + 1 + 2 + maxUtf8(fname) + 4 + len(data) + extSize(extensions);
    }

    private static void requestBody(ByteBuf out, int version, int contentTypeCode, String fname, byte[] data,
                                    List<Extension> extensions) {
        out.writeByte(contentTypeCode);
        str16(out, fname);
        blob32(out, data);
        extensions(out, version, extensions);
    }

    /**
     * Writes a response frame from its parts, byte for byte what {@link #encode} writes for the
     * {@link Frame.Response} of these values (without making one).
     */
    public static void encodeResponse(int version, int tid, int contentTypeCode, int resultCode, byte[] data,
                                      List<Extension> extensions, ByteBuf out) {
        if (version != Frame.V5 && version != Frame.V6) {
            throw new IllegalArgumentException("unsupported protocol version " + version);
        }
        out.writeByte(version).writeInt(tid).writeByte(PacketType.RESPONSE.code());
        responseBody(out, version, contentTypeCode, resultCode, data, extensions);
    }

    private static void responseBody(ByteBuf out, int version, int contentTypeCode, int resultCode, byte[] data,
                                     List<Extension> extensions) {
        out.writeByte(contentTypeCode).writeByte(resultCode);
        blob32(out, data);
        extensions(out, version, extensions);
    }

    /** {@link #sizeHint} of a response with this payload and these extensions. */
    public static int responseSizeHint(byte[] data, List<Extension> extensions) {
        return 6 + 2 + 4 + len(data) + extSize(extensions);
    }

    /** An upper bound of the bytes {@link #encode} writes for this frame (exact for ASCII names). */
    public static int sizeHint(Frame frame) {
        int n = 6;
        switch (frame.type()) {
            case REQUEST -> {
                Frame.Request r = (Frame.Request) frame;
                return requestSizeHint(r.fname(), r.data(), r.extensions());
            }
            case RESPONSE -> {
                Frame.Response r = (Frame.Response) frame;
                return responseSizeHint(r.data(), r.extensions());
            }
            case ERROR, AUTH_ACK -> n += 1;
            case AUTH_REQ -> n += 2 + maxUtf8(((Frame.AuthRequest) frame).auth());
            case INSPECT_REQ -> n += 3 + len(((Frame.InspectRequest) frame).data());
            case INSPECT_ACK -> n += 2 + len(((Frame.InspectAck) frame).data());
            case INTERRUPT -> n += 4;
            case CLIENT_HELLO -> {
                Frame.ClientHello h = (Frame.ClientHello) frame;
                n += 4 + maxUtf8(h.clientVersion()) + maxUtf8(h.clientName());
            }
            case SERVER_HELLO -> n += 2 + maxUtf8(((Frame.ServerHello) frame).serverVersion());
            default -> { }
        }
        return n;
    }

    private static int maxUtf8(String s) {
        return s == null ? 0 : ByteBufUtil.utf8MaxBytes(s);
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static int extSize(List<Extension> exts) {
        int n = 1;
        for (int i = 0; i < exts.size(); i++) { // indexed: no iterator per frame
            n += 4 + exts.get(i).value().length;
        }
        return n;
    }

    private static void str16(ByteBuf out, String s) {
        String v = s == null ? "" : s;
        int lenAt = out.writerIndex();
        out.writeShort(0);
        int written = ByteBufUtil.writeUtf8(out, v);
        if (written > 0xFFFF) {
            throw new IllegalArgumentException("string longer than 65535 UTF-8 bytes: " + written);
        }
        out.setShort(lenAt, written);
    }

    private static void blob16(ByteBuf out, byte[] data) {
        byte[] d = data == null ? EMPTY : data;
        if (d.length > 0xFFFF) {
            throw new IllegalArgumentException("inspect payload longer than 65535 bytes: " + d.length);
        }
        out.writeShort(d.length).writeBytes(d);
    }

    private static void blob32(ByteBuf out, byte[] data) {
        byte[] d = data == null ? EMPTY : data;
        out.writeInt(d.length).writeBytes(d);
    }

    private static void extensions(ByteBuf out, int version, List<Extension> exts) {
        if (version == Frame.V5) {
            return;
        }
        if (exts.size() > 0xFF) {
            throw new IllegalArgumentException("more than 255 extensions: " + exts.size());
        }
        out.writeByte(exts.size());
        for (int i = 0; i < exts.size(); i++) {
            Extension e = exts.get(i);
            out.writeShort(e.id()).writeShort(e.value().length).writeBytes(e.value());
        }
    }

    /** Signals that the frame is not complete yet; preallocated, no stack trace. */
    private static final class NeedMore extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NeedMore INSTANCE = new NeedMore();

        private NeedMore() {
            super(null, null, false, false);
        }
    }

    /**
     * What one connection's decoding keeps between frames: a cursor, and the function names
     * of recent requests (a request naming one of them reuses its string). Not thread-safe.
     */
    public static final class Reader {
        private final Cursor cursor = new Cursor(new FunctionNameCache());
    }

    /** Reads fields from an absolute position without moving the buffer's indexes; reset per frame. */
    private static final class Cursor {
        private final FunctionNameCache names;
        private ByteBuf buf;
        private int end;
        private int version;
        private int tid;
        private long budget;
        int pos;

        Cursor(FunctionNameCache names) {
            this.names = names;
        }

        Cursor reset(ByteBuf buf, int pos, int end, int maxBody, int version, int tid) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
            this.budget = maxBody;
            this.version = version;
            this.tid = tid;
            return this;
        }

        private void need(int n) {
            if (end - pos < n) {
                throw NeedMore.INSTANCE;
            }
        }

        int u8() {
            need(1);
            return buf.getUnsignedByte(pos++);
        }

        int i32() {
            need(4);
            int v = buf.getInt(pos);
            pos += 4;
            return v;
        }

        private byte[] bytes(long len) {
            budget -= len;
            if (budget < 0) {
                throw new MalformedFrameException("frame too large: a part of " + len + " bytes exceeds the " + (budget + len)
                    + " bytes left of the maximum body size", ResultCode.INVALID_PACKET, version, tid, false);
            }
            need((int) len);
            if (len == 0) {
                return EMPTY;
            }
            byte[] b = new byte[(int) len];
            buf.getBytes(pos, b);
            pos += (int) len;
            return b;
        }

        byte[] blob16() {
            need(2);
            int len = buf.getUnsignedShort(pos);
            pos += 2;
            return bytes(len);
        }

        byte[] blob32() {
            need(4);
            long len = buf.getUnsignedInt(pos);
            pos += 4;
            return bytes(len);
        }

        String str16() {
            need(2);
            int len = buf.getUnsignedShort(pos);
            need(2 + len);
            pos += 2;
            String s = buf.toString(pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        /** A string that is likely to repeat (a function name): taken from the reader's cache when it does. */
        String name16() {
            need(2);
            int len = buf.getUnsignedShort(pos);
            need(2 + len);
            pos += 2;
            String s = names == null ? buf.toString(pos, len, StandardCharsets.UTF_8) : names.get(buf, pos, len);
            pos += len;
            return s;
        }

        List<Extension> extensions() {
            if (version == Frame.V5) {
                return List.of();
            }
            int n = u8();
            if (n == 0) {
                return List.of();
            }
            List<Extension> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                need(2);
                int id = buf.getShort(pos);
                pos += 2;
                out.add(new Extension(id, blob16()));
            }
            return out;
        }
    }
}
