package io.slacker.testkit;

import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.util.HexFormat;
import java.util.List;

/**
 * The check every golden payload goes through: it decodes to what Clojure decoded
 * ({@link DataEquality#diff}), and our encoding of that value gives the same bytes — or, where
 * the codec is known not to reproduce them, at least the same data again.
 */
public final class VectorCheck {
    private static final HexFormat HEX = HexFormat.of();

    /** How far a payload got. */
    public enum Outcome {
        /** A failure was recorded. */
        FAILED,
        /** Decoded and round-tripped as data (bytes not compared). */
        DECODED,
        /** Decoded and re-encoded byte for byte. */
        BYTE_EXACT
    }

    private VectorCheck() {
    }

    /**
     * Checks one payload; failures go to {@code failures}, prefixed with {@code label}.
     *
     * @param expectedEdn what the Clojure side decoded, as EDN
     * @param byteExact   whether re-encoding must give the same bytes
     */
    public static Outcome check(Serializer ser, Object label, byte[] bytes, String expectedEdn, boolean byteExact,
                                List<String> failures) {
        Object expected = ClojureOracle.readEdn(expectedEdn);
        Object actual;
        try {
            actual = ser.deserialize(bytes);
        } catch (SerializationException e) {
            failures.add(label + ": " + e.getMessage());
            return Outcome.FAILED;
        }
        String diff = DataEquality.diff(expected, actual);
        if (diff != null) {
            failures.add(label + ": " + diff);
            return Outcome.FAILED;
        }
        byte[] again = ser.serialize(actual);
        if (!byteExact) {
            String d2 = DataEquality.diff(expected, ser.deserialize(again));
            if (d2 != null) {
                failures.add(label + ": round trip: " + d2);
                return Outcome.FAILED;
            }
            return Outcome.DECODED;
        }
        if (!HEX.formatHex(again).equals(HEX.formatHex(bytes))) {
            failures.add(label + ": re-encoded " + HEX.formatHex(again) + " != " + HEX.formatHex(bytes));
            return Outcome.FAILED;
        }
        return Outcome.BYTE_EXACT;
    }
}
