package io.slacker.internal.serialization;

import io.slacker.spi.SerializationException;

/**
 * The limit on the length of one number literal that decoders accept. Turning a decimal literal
 * of n digits into a {@link java.math.BigInteger} or {@link java.math.BigDecimal} (and reducing a
 * ratio) costs more than linear time in n, so an unbounded literal lets one small request occupy a
 * thread for minutes. Text formats count the literal's characters; binary formats count the
 * decimal digits their big-integer bytes can hold. The default is Jackson's
 * {@code StreamReadConstraints} default of {@value #DEFAULT} characters.
 */
public final class NumberLimit {
    /** The default limit: 1,000 characters. */
    public static final int DEFAULT = 1000;

    /** log2(10): bits per decimal digit. */
    private static final double BITS_PER_DIGIT = 3.321928094887362;

    private NumberLimit() {
    }

    /**
     * Checks a limit given by a user.
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public static int validate(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxNumberLength must be positive: " + max);
        }
        return max;
    }

    /**
     * Refuses a number literal of {@code length} characters when longer than {@code max}.
     *
     * @throws SerializationException naming the length and the limit
     */
    public static void checkLength(int length, int max, String format) {
        if (length > max) {
            throw tooLong(format, length + " characters", max);
        }
    }

    /**
     * Refuses a binary (two's-complement) big integer of {@code bytes} bytes when it is longer
     * than any number of {@code max} decimal digits needs (about {@code 0.42 * max} bytes).
     *
     * @throws SerializationException naming the size and the limit
     */
    public static void checkBytes(int bytes, int max, String format) {
        long bitsNeeded = (long) Math.ceil(max * BITS_PER_DIGIT) + 1; // plus the sign bit
        if (bytes > (bitsNeeded + 7) / 8) {
            throw tooLong(format, bytes + " bytes", max);
        }
    }

    private static SerializationException tooLong(String format, String size, int max) {
        return new SerializationException(format + ": number of " + size + " exceeds the limit of " + max
            + " characters (maxNumberLength)");
    }
}
