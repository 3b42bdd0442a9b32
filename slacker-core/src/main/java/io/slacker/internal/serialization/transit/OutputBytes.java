package io.slacker.internal.serialization.transit;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.msgpack.MessagePack;
import org.msgpack.io.Output;
import org.msgpack.packer.MessagePackPacker;
import org.msgpack.packer.Packer;

/**
 * A growable byte array, without locks, as the output of msgpack's packer and of Jackson's
 * generator. {@code MessagePack.createPacker} puts a {@code DataOutputStream} in front of its
 * stream, and both that and a {@code ByteArrayOutputStream} lock on every write; the packer writes
 * every header and every number separately, and transit-java's emitters flush after every value
 * (Jackson then hands its buffer on): more than half of a transit-msgpack write and a third of a
 * transit-json one went to those locks. (msgpack's own buffer output is no fit either: it links a
 * new chunk per flush.) Big-endian, as msgpack is, so the bytes are the same.
 *
 * <p>Not thread-safe (one per {@link TransitCodec}).
 */
final class OutputBytes extends OutputStream implements Output {
    private byte[] buf;
    private int size;

    OutputBytes(int capacity) {
        buf = new byte[capacity];
    }

    /** A msgpack packer that writes here. */
    Packer packer(MessagePack msgpack) {
        return new MessagePackPacker(msgpack, (Output) this) { // not the OutputStream one: that wraps a DataOutputStream
        };
    }

    /** The bytes written since the last {@link #reset()}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    private int reserve(int n) {
        int at = size;
        if (n > buf.length - at) {
            if (n > Integer.MAX_VALUE - 8 - at) {
                throw new OutOfMemoryError("a transit value over 2 GB"); // as ByteArrayOutputStream would
            }
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(at + n, 2L * buf.length)));
        }
        size = at + n;
        return at;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int at = reserve(len); // before reading buf: reserve may replace it
        System.arraycopy(b, off, buf, at, len);
    }

    @Override
    public void write(ByteBuffer bb) {
        int n = bb.remaining();
        int at = reserve(n);
        bb.get(buf, at, n);
    }

    @Override
    public void write(int b) {
        writeByte((byte) b);
    }

    @Override
    public void writeByte(byte v) {
        int at = reserve(1);
        buf[at] = v;
    }

    @Override
    public void writeShort(short v) {
        put(reserve(2), v, 2);
    }

    @Override
    public void writeInt(int v) {
        put(reserve(4), v, 4);
    }

    @Override
    public void writeLong(long v) {
        put(reserve(8), v, 8);
    }

    @Override
    public void writeFloat(float v) {
        put(reserve(4), Float.floatToIntBits(v), 4);
    }

    @Override
    public void writeDouble(double v) {
        put(reserve(8), Double.doubleToLongBits(v), 8);
    }

    @Override
    public void writeByteAndByte(byte b, byte v) {
        int at = reserve(2);
        buf[at] = b;
        buf[at + 1] = v;
    }

    @Override
    public void writeByteAndShort(byte b, short v) {
        putAfter(b, v, 2);
    }

    @Override
    public void writeByteAndInt(byte b, int v) {
        putAfter(b, v, 4);
    }

    @Override
    public void writeByteAndLong(byte b, long v) {
        putAfter(b, v, 8);
    }

    @Override
    public void writeByteAndFloat(byte b, float v) {
        putAfter(b, Float.floatToIntBits(v), 4);
    }

    @Override
    public void writeByteAndDouble(byte b, double v) {
        putAfter(b, Double.doubleToLongBits(v), 8);
    }

    /** A header byte, then the low {@code n} bytes of {@code v}. */
    private void putAfter(byte b, long v, int n) {
        int at = reserve(1 + n);
        buf[at] = b;
        put(at + 1, v, n);
    }

    /** The low {@code n} bytes of {@code v} at {@code at}, most significant first. */
    private void put(int at, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            buf[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    @Override
    public void flush() {
        // nothing buffered beyond the array
    }

    @Override
    public void close() {
        // nothing to release
    }
}
