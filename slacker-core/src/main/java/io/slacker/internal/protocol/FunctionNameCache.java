package io.slacker.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The last function names read, by a hash of their bytes; a name replaces the one in its slot. */
final class FunctionNameCache {
    private static final int SLOTS = 16;
    private static final int MAX_LENGTH = 128;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];

    String get(ByteBuf buf, int pos, int len) {
        if (len > MAX_LENGTH) {
            return buf.toString(pos, len, StandardCharsets.UTF_8);
        }
        int h = len;
        for (int i = 0; i < len; i++) {
            h = 31 * h + buf.getByte(pos + i);
        }
        int slot = (h ^ (h >>> 7) ^ (h >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && key.length == len && same(buf, pos, key)) {
            return names[slot];
        }
        key = new byte[len];
        buf.getBytes(pos, key);
        String name = new String(key, StandardCharsets.UTF_8);
        keys[slot] = key;
        names[slot] = name;
        return name;
    }

    private static boolean same(ByteBuf buf, int pos, byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (buf.getByte(pos + i) != key[i]) {
                return false;
            }
        }
        return true;
    }
}
