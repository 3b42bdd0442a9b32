package io.slacker.internal.serialization.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.slacker.data.Keyword;
import java.util.Arrays;

/**
 * A keyword as its text (Kryo's string form), read back through {@link Keyword#of(String)} so
 * interning holds. The bytes of recent keywords are remembered both ways, exactly as Kryo wrote
 * or read them: a known keyword is written as a copy of its bytes, and read by comparing bytes
 * (no string, no intern-table look-up). One instance per Kryo, so one thread at a time.
 */
final class KeywordSerializer extends Serializer<Keyword> {
    private static final int SLOTS = 256;
    /** Keywords longer than this (in bytes) are not remembered. */
    private static final int MAX_BYTES = 64;

    private record Entry(Keyword keyword, byte[] bytes) {
    }

    private final Entry[] written = new Entry[SLOTS];
    private final Entry[] read = new Entry[SLOTS];

    KeywordSerializer() {
        setImmutable(true);
        setAcceptsNull(false);
    }

    @Override
    public void write(Kryo kryo, Output output, Keyword k) {
        int slot = System.identityHashCode(k) & (SLOTS - 1);
        Entry e = written[slot];
        if (e != null && e.keyword == k) {
            output.writeBytes(e.bytes);
            return;
        }
        int start = output.position();
        output.writeString(k.text());
        int end = output.position();
        // a growing buffer keeps its bytes in place; a stream-backed one may have flushed them
        if (output.getOutputStream() == null && end > start && end - start <= MAX_BYTES) {
            written[slot] = new Entry(k, Arrays.copyOfRange(output.getBuffer(), start, end));
        }
    }

    @Override
    public Keyword read(Kryo kryo, Input input, Class<? extends Keyword> type) {
        byte[] buf = input.getBuffer();
        int p = input.position();
        int end = asciiEnd(buf, p, input.limit());
        if (end < 0) {
            return readText(input);
        }
        int n = end - p;
        int h = n;
        for (int i = p; i < end; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = read[slot];
        if (e != null && e.bytes.length == n && Arrays.equals(e.bytes, 0, n, buf, p, end)) {
            input.setPosition(end);
            return e.keyword;
        }
        Keyword k = readText(input);
        if (input.position() == end) {
            read[slot] = new Entry(k, Arrays.copyOfRange(buf, p, end));
        }
        return k;
    }

    /**
     * The end of Kryo's ASCII string form at {@code p} (bytes without the high bit, then one
     * with it), within {@value #MAX_BYTES} bytes; -1 for any other form or length.
     */
    private static int asciiEnd(byte[] buf, int p, int limit) {
        int max = Math.min(limit, p + MAX_BYTES);
        if (p >= max || (buf[p] & 0x80) != 0) {
            return -1; // UTF-8 form (or empty, null): the first byte is flagged
        }
        for (int i = p + 1; i < max; i++) {
            if ((buf[i] & 0x80) != 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static Keyword readText(Input input) {
        String text = input.readString();
        if (text == null) {
            throw new KryoException("keyword without text");
        }
        return Keyword.of(text);
    }
}
