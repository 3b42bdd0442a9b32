package io.slacker.internal.serialization.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo {@link Input} over one byte array that refuses declared lengths longer than the bytes
 * left, so that a forged length cannot make it allocate a huge array.
 */
final class BoundedInput extends Input {

    private static final byte[] NONE = new byte[0];
    /** A string buffer grown past this (by a long string) is dropped after use. */
    private static final int KEEP_CHARS = 4096;

    BoundedInput(byte[] data) {
        super(data);
    }

    /** An input to {@link #setBuffer(byte[]) set} per use and {@link #release()} after. */
    BoundedInput() {
        super(NONE);
    }

    /** Done with the current bytes: keeps no reference to them, nor a grown string buffer. */
    void release() {
        setBuffer(NONE);
        if (chars.length > KEEP_CHARS) {
            chars = new char[32];
        }
    }

    /** Bytes not read yet. */
    int remaining() {
        return limit - position;
    }

    /**
     * Checks that {@code count} items of at least {@code bytesEach} bytes each can still follow.
     *
     * @throws KryoException when the count is negative or larger than the input allows
     */
    void checkCount(int count, int bytesEach) {
        if (count < 0 || (long) count * bytesEach > remaining()) {
            throw new KryoException("declared length " + count + " exceeds the " + remaining() + " bytes left");
        }
    }

    @Override
    public byte[] readBytes(int length) {
        checkCount(length, 1);
        return super.readBytes(length);
    }

    @Override
    public String readString() {
        checkStringLength();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkStringLength();
        return super.readStringBuilder();
    }

    /** A UTF-8 string (first byte flagged) declares its char count; each char takes a byte at least. */
    private void checkStringLength() {
        if (position < limit && (buffer[position] & 0x80) != 0) {
            int start = position;
            int charCount = readVarIntFlag(true);
            position = start;
            if (charCount > 1) {
                checkCount(charCount - 1, 1);
            }
        }
    }
}
