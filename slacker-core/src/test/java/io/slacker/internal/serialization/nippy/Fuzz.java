package io.slacker.internal.serialization.nippy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.util.Arrays;
import java.util.Random;

/** Shared robustness checks: whatever the bytes, only SerializationException may escape. */
public final class Fuzz {
    private Fuzz() {
    }

    /** Decodes, allowing success or SerializationException; anything else fails the test. */
    public static void decodeSafely(Serializer s, byte[] data) {
        try {
            s.deserialize(data);
        } catch (SerializationException expected) {
            // fine
        } catch (Throwable t) {
            fail("input " + hex(data) + " raised " + t, t);
        }
    }

    /** Every proper prefix of a valid encoding must be refused. */
    public static int checkTruncations(Serializer s, byte[] valid) {
        for (int n = 0; n < valid.length; n++) {
            byte[] prefix = Arrays.copyOf(valid, n);
            try {
                s.deserialize(prefix);
                fail("prefix of " + n + "/" + valid.length + " bytes decoded: " + hex(prefix));
            } catch (SerializationException expected) {
                // fine
            } catch (Throwable t) {
                fail("prefix " + hex(prefix) + " raised " + t, t);
            }
        }
        return valid.length;
    }

    /** Random byte strings and random mutations of valid encodings. Returns the inputs tried. */
    public static int randomInputs(Serializer s, long seed, int count, byte[]... seeds) {
        Random rnd = new Random(seed);
        int tried = 0;
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[rnd.nextInt(64)];
            rnd.nextBytes(b);
            decodeSafely(s, b);
            tried++;
            byte[] m = seeds[rnd.nextInt(seeds.length)].clone();
            if (m.length > 0) {
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = rnd.nextInt(m.length);
                    m[at] = rnd.nextInt(4) == 0 ? (byte) 0xff : (byte) rnd.nextInt(256);
                }
            }
            decodeSafely(s, m);
            tried++;
        }
        assertThat(tried).isEqualTo(2 * count);
        return tried;
    }

    public static String hex(byte[] b) {
        String h = java.util.HexFormat.of().formatHex(b);
        return h.length() > 200 ? h.substring(0, 200) + "..." : h;
    }
}
