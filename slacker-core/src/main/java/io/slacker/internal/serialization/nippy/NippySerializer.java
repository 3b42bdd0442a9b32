package io.slacker.internal.serialization.nippy;

import io.slacker.ContentType;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;

/**
 * nippy (content type 3): a Java reader and writer of the binary format of nippy 3.1.1, the
 * version the Clojure slacker uses.
 *
 * <p><b>Writing</b> produces what nippy's {@code fast-freeze} produces for the same Clojure value:
 * a bare stream without the {@code NPY} header, the same type ids and size classes. Mapping:
 * {@code Long} uses the compact long ids; {@code Integer}, {@code Short}, {@code Byte},
 * {@code Float} their own ids; {@code BigInteger} is written as Clojure's {@code BigInt} (N);
 * {@link io.slacker.data.ClojureList} as a list, every other {@code List} (and {@code Object[]})
 * as a vector, other collections as a seq; {@code java.util.Date}, and {@code Instant}s of whole
 * milliseconds, as {@code java.util.Date} ({@code #inst}), finer {@code Instant}s as
 * {@code java.time.Instant}. Types outside the data model go through
 * {@link io.slacker.internal.serialization.JavaData#toData}.
 *
 * <p><b>Reading</b> accepts every id nippy 3.1.1 can thaw that carries plain data, including the
 * deprecated ones, nippy's value cache, metadata (read and dropped), and an optional {@code NPY}
 * header with no compression, LZ4 or Snappy. Integers of every width decode to {@code Long},
 * {@code BigInt}/{@code BigInteger} to {@code BigInteger}, floats to {@code Double}, dates to
 * {@code Instant}, maps/sets to insertion-ordered {@code LinkedHashMap}/{@code LinkedHashSet},
 * vectors to {@code ArrayList}, lists and seqs to {@code ClojureList}. Ids that name a Java class
 * (Serializable, records, deftypes, custom types, reader forms) are refused with
 * "unsupported nippy type id N": nothing named on the wire is ever instantiated. Lengths are
 * checked before allocation and nesting is limited, so malformed input only ever raises
 * {@link SerializationException}.
 *
 * <p>Thread-safe; instances hold only configuration.
 */
public final class NippySerializer implements Serializer {
    /** Default limit of collection nesting, reading and writing. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private static final byte[] HEAD_SIG = {'N', 'P', 'Y'};

    private final int maxDepth;
    private final int maxNumberLength;

    /** A serializer with the default limits. */
    public NippySerializer() {
        this(DEFAULT_MAX_DEPTH);
    }

    /**
     * A serializer with this nesting limit.
     *
     * @param maxDepth the deepest collection nesting accepted, reading and writing (at least 1)
     */
    public NippySerializer(int maxDepth) {
        this(maxDepth, NumberLimit.DEFAULT);
    }

    /**
     * A serializer with these limits.
     *
     * @param maxDepth the deepest collection nesting accepted, reading and writing (at least 1)
     * @param maxNumberLength the most decimal digits a big integer, decimal or ratio part read may
     *     hold (see {@link NumberLimit#checkBytes})
     */
    public NippySerializer(int maxDepth, int maxNumberLength) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("bad limit: maxDepth " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.maxNumberLength = NumberLimit.validate(maxNumberLength);
    }

    @Override
    public NippySerializer withMaxNumberLength(int max) {
        return new NippySerializer(maxDepth, max);
    }

    @Override
    public ContentType contentType() {
        return ContentType.NIPPY;
    }

    @Override
    public byte[] serialize(Object value) {
        NippyWriter w = new NippyWriter(maxDepth);
        try {
            w.write(value);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new SerializationException("cannot write nippy: " + e, e);
        }
        return w.toByteArray();
    }

    @Override
    public Object deserialize(byte[] data) {
        if (data == null) {
            throw new SerializationException("nippy: no data");
        }
        try {
            if (data.length > 4 && data[0] == HEAD_SIG[0] && data[1] == HEAD_SIG[1] && data[2] == HEAD_SIG[2]) {
                // A bare stream cannot start like this: 'N' (78) is a keyword id with a 4-byte
                // length, and "PY.." as a length is over a gigabyte.
                return readHeadered(data);
            }
            return new NippyReader(data, 0, data.length, maxDepth, maxNumberLength).readAll();
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new SerializationException("cannot read nippy: " + e, e);
        }
    }

    private Object readHeadered(byte[] data) {
        int meta = data[3];
        byte[] body;
        switch (meta) {
            case 0 -> body = null;
            case 8 -> throw new SerializationException("nippy: lz4-compressed payloads are not supported"
                + " (slacker sends bare, uncompressed streams)");
            case 1 -> throw new SerializationException("nippy: snappy-compressed payloads are not supported"
                + " (slacker sends bare, uncompressed streams)");
            case 11 -> throw new SerializationException("nippy: LZMA2-compressed payloads are not supported");
            case 5 -> throw new SerializationException("nippy: payload uses a non-standard compressor");
            case 2, 3, 4, 6, 7, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19 ->
                throw new SerializationException("nippy: encrypted payloads are not supported");
            default -> throw new SerializationException("nippy: unrecognized header meta byte " + meta);
        }
        return body == null
                ? new NippyReader(data, 4, data.length, maxDepth, maxNumberLength).readAll()
                : new NippyReader(body, 0, body.length, maxDepth, maxNumberLength).readAll();
    }
}
