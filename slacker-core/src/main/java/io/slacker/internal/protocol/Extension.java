package io.slacker.internal.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A call extension (protocol v6): a signed 16-bit id and a value serialized with the call's
 * content type.
 *
 * @param id    the extension id, -32768..32767
 * @param value the serialized value (not copied; do not modify)
 */
public record Extension(int id, byte[] value) {
    /** Validates the id range and the value length. */
    public Extension {
        if (id < Short.MIN_VALUE || id > Short.MAX_VALUE) {
            throw new IllegalArgumentException("extension id out of 16-bit range: " + id);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("extension value longer than 65535 bytes: " + value.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && e.id == id && Arrays.equals(e.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Extension[" + id + "=" + HexFormat.of().formatHex(value) + "]";
    }
}
