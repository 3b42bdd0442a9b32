package io.slacker.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The last function names read, by a hash of their bytes; a name replaces the one in its slot. */
final class FunctionNameCache {
    private static final int SLOTS = 16;
    private static final int MAX_LENGTH = 128;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];

    /** Scratch for the name's bytes: one bulk copy out of the buffer, then plain array reads. */
    private final byte[] scratch = new byte[MAX_LENGTH];

    String get(ByteBuf buf, int pos, int len) {
        if (len > MAX_LENGTH) {
            return buf.toString(pos, len, StandardCharsets.UTF_8);
        }
        byte[] b = scratch;
        buf.getBytes(pos, b, 0, len);
        int h = len;
        for (int i = 0; i < len; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 7) ^ (h >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && key.length == len && Arrays.equals(key, 0, len, b, 0, len)) {
            return names[slot];
        }
        key = Arrays.copyOf(b, len);
        String name = new String(key, StandardCharsets.UTF_8);
        keys[slot] = key;
        names[slot] = name;
        return name;
    }
}
