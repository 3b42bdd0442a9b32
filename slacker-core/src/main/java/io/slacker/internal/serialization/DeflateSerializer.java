package io.slacker.internal.serialization;

import io.slacker.ContentType;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A deflate content type ({@code deflate-carb}, {@code deflate-json}, {@code deflate-clj},
 * {@code deflate-nippy}): the inner serializer's bytes in a zlib stream (RFC 1950, as
 * {@link Deflater} writes by default). Payloads under {@value #STORE_BELOW_BYTES} bytes go as one
 * stored (uncompressed) block of a zlib stream, which every inflater reads: for them zlib's fixed
 * cost per stream would be most of the call's serialization cost, for next to no saving.
 *
 * <p>Inflation is bounded: a stream that inflates to more than the maximum (default
 * {@value #DEFAULT_MAX_INFLATED_BYTES} bytes) is rejected as a zip bomb before more memory is
 * used. Truncated or corrupt streams, and bytes after the end of the stream, are rejected too.
 * Thread-safe.
 */
public final class DeflateSerializer implements Serializer {
    /** The default limit of inflated bytes: 16 MiB. */
    public static final int DEFAULT_MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    /**
     * Payloads shorter than this are sent as one stored block: zlib's set-up per stream (clearing
     * its hash table, building Huffman trees) costs about 2 us, several times the
     * serialization of such a payload, and compressing a few dozen bytes saves a few bytes at most.
     */
    public static final int STORE_BELOW_BYTES = 64;

    private final ContentType contentType;
    private final Serializer inner;
    private final int maxInflatedBytes;
    private final int level;
    /** zlib state set up once per thread and reset between uses (setting it up costs microseconds). */
    private final ThreadLocal<Deflater> deflaters = ThreadLocal.withInitial(this::newDeflater);
    private final ThreadLocal<Inflater> inflaters = ThreadLocal.withInitial(Inflater::new);

    /** Wraps {@code inner} with the default inflation limit and compression level. */
    public DeflateSerializer(Serializer inner) {
        this(inner, DEFAULT_MAX_INFLATED_BYTES, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * Wraps {@code inner}.
     *
     * @param inner a serializer of carb, json, clj or nippy
     * @param maxInflatedBytes the largest inflated payload accepted
     * @param level the {@link Deflater} compression level (-1 for the default, 0-9)
     * @throws IllegalArgumentException when the inner content type has no deflate variant
     */
    public DeflateSerializer(Serializer inner, int maxInflatedBytes, int level) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.contentType = deflateOf(inner.contentType());
        if (maxInflatedBytes < 1) {
            throw new IllegalArgumentException("maxInflatedBytes must be positive: " + maxInflatedBytes);
        }
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("compression level must be -1..9: " + level);
        }
        this.maxInflatedBytes = maxInflatedBytes;
        this.level = level;
    }

    /**
     * The deflate variant of a content type.
     *
     * @throws IllegalArgumentException when there is none (transit, or already deflate)
     */
    public static ContentType deflateOf(ContentType inner) {
        ContentType t = inner.isDeflate() ? null : ContentType.fromCode(inner.code() + 10);
        if (t == null) {
            throw new IllegalArgumentException("no deflate variant of " + inner.wireName());
        }
        return t;
    }

    /** The wrapped serializer with another number-literal limit, wrapped the same way. */
    @Override
    public DeflateSerializer withMaxNumberLength(int max) {
        return new DeflateSerializer(inner.withMaxNumberLength(max), maxInflatedBytes, level);
    }

    /** The wrapped serializer. */
    public Serializer inner() {
        return inner;
    }

    private Deflater newDeflater() {
        return new Deflater(level);
    }

    @Override
    public ContentType contentType() {
        return contentType;
    }

    @Override
    public byte[] serialize(Object value) {
        byte[] plain = inner.serialize(value);
        if (plain.length < STORE_BELOW_BYTES) {
            return stored(plain);
        }
        Deflater deflater = deflaters.get();
        try {
            deflater.setInput(plain);
            deflater.finish();
            byte[] buf = new byte[Math.max(64, plain.length / 2 + 32)];
            int n = 0;
            while (!deflater.finished()) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                n += deflater.deflate(buf, n, buf.length - n);
            }
            return Arrays.copyOf(buf, n);
        } finally {
            deflater.reset();
        }
    }

    /**
     * A zlib stream of one stored (uncompressed) block: header {@code 78 01}, block header,
     * length and its complement (little-endian), the bytes, Adler-32 (big-endian).
     */
    private static byte[] stored(byte[] plain) {
        int n = plain.length;
        byte[] out = new byte[n + 11];
        out[0] = 0x78; // deflate, 32 KiB window
        out[1] = 0x01; // no dictionary, "fastest" level; 0x7801 is a multiple of 31
        out[2] = 0x01; // final block, stored
        out[3] = (byte) n;
        out[4] = (byte) (n >>> 8);
        out[5] = (byte) ~n;
        out[6] = (byte) (~n >>> 8);
        System.arraycopy(plain, 0, out, 7, n);
        Adler32 adler = new Adler32();
        adler.update(plain);
        int sum = (int) adler.getValue();
        out[n + 7] = (byte) (sum >>> 24);
        out[n + 8] = (byte) (sum >>> 16);
        out[n + 9] = (byte) (sum >>> 8);
        out[n + 10] = (byte) sum;
        return out;
    }

    @Override
    public Object deserialize(byte[] data) {
        return inner.deserialize(inflate(data));
    }

    private byte[] inflate(byte[] data) {
        Inflater inflater = inflaters.get();
        try {
            inflater.setInput(data);
            byte[] buf = new byte[Math.min(maxInflatedBytes, Math.max(256, data.length * 4))];
            int n = 0;
            int idle = 0;
            while (!inflater.finished()) {
                if (n == buf.length) {
                    if (buf.length >= maxInflatedBytes) {
                        // full at the limit: the stream may only end here
                        if (inflater.inflate(new byte[1]) > 0) {
                            throw new SerializationException(contentType.wireName()
                                    + ": payload inflates to more than " + maxInflatedBytes + " bytes");
                        }
                        if (!inflater.finished()) {
                            throw stalled(inflater);
                        }
                        break;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(maxInflatedBytes, buf.length * 2L));
                }
                int got = inflater.inflate(buf, n, buf.length - n);
                n += got;
                idle = got == 0 ? idle + 1 : 0;
                if (got == 0 && !inflater.finished()
                        && (inflater.needsInput() || inflater.needsDictionary() || idle > 16)) {
                    throw stalled(inflater);
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new SerializationException(contentType.wireName() + ": " + inflater.getRemaining()
                        + " unexpected bytes after the deflate stream");
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        } catch (DataFormatException e) {
            throw new SerializationException(contentType.wireName() + ": corrupt deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.reset();
        }
    }

    private SerializationException stalled(Inflater inflater) {
        return new SerializationException(contentType.wireName() + (inflater.needsDictionary()
                ? ": deflate stream needs a preset dictionary" : ": truncated deflate stream"));
    }
}
