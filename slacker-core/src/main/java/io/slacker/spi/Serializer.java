package io.slacker.spi;

import io.slacker.ContentType;
import io.slacker.internal.serialization.NumberLimit;

/**
 * Turns values into the bytes of one content type and back.
 *
 * <p>Decoding produces the generic Clojure data model (see {@code io.slacker.data}): {@code null},
 * {@link Boolean}, {@link Long} (or {@link java.math.BigInteger}), {@link Double},
 * {@link java.math.BigDecimal}, {@link io.slacker.data.Ratio}, {@link String}, {@link Character},
 * {@link io.slacker.data.Keyword}, {@link io.slacker.data.Symbol}, {@link java.util.List}
 * (vectors; {@link io.slacker.data.ClojureList} for lists), {@link java.util.Map},
 * {@link java.util.Set}, {@link java.time.Instant}, {@link java.util.UUID}. Encoding accepts that
 * model plus the usual Java types. Implementations are thread-safe.
 */
public interface Serializer {

    /** The content type this serializer reads and writes. */
    ContentType contentType();

    /**
     * Encodes a value.
     *
     * @throws SerializationException when the value cannot be represented
     */
    byte[] serialize(Object value);

    /**
     * Decodes the bytes of one value.
     *
     * @throws SerializationException on malformed input, never anything else
     */
    Object deserialize(byte[] data);

    /**
     * This serializer refusing number literals longer than {@code max} characters (see
     * the guide's limits); a serializer without number literals, or without such a setting,
     * returns itself.
     *
     * @throws IllegalArgumentException when {@code max} is not positive
     */
    default Serializer withMaxNumberLength(int max) {
        NumberLimit.validate(max);
        return this;
    }
}
