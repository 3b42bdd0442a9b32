package io.slacker.cluster.internal.config;

import io.slacker.spi.SerializationException;
import io.slacker.internal.serialization.edn.EdnPrinter;
import io.slacker.internal.serialization.edn.EdnReader;
import java.nio.charset.StandardCharsets;

/**
 * One config value as stored: its EDN text, the value read from it (or why it does not read) and
 * the ZooKeeper version of the node.
 *
 * @param text    the EDN text
 * @param value   the value (null when the text is not valid EDN)
 * @param error   why the text does not read, or null
 * @param version the node's version
 */
public record ConfigEntry(String text, Object value, String error, int version) {
    private static final EdnReader READER = EdnReader.standard();
    private static final EdnPrinter PRINTER = EdnPrinter.standard();

    /** An entry from a node's data. */
    public static ConfigEntry decode(byte[] data, int version) {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        try {
            return new ConfigEntry(text, READER.read(text), null, version);
        } catch (SerializationException | IllegalArgumentException e) {
            return new ConfigEntry(text, null, e.getMessage(), version);
        }
    }

    /** Reads EDN text (blank text is nil). */
    public static Object read(String text) {
        return READER.read(text);
    }

    /** Prints a value as EDN text. */
    public static String print(Object value) {
        return PRINTER.print(value);
    }

    /** Whether the text is valid EDN. */
    public boolean valid() {
        return error == null;
    }
}
