package io.slacker.examples.bench;

import io.slacker.data.Keyword;
import io.slacker.internal.serialization.edn.EdnSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link RpcBenchmark} echoes: a string of N ASCII characters ({@code 32}, or any number),
 * or {@code map}, a map of 10 keyword keys to short strings (340 bytes of EDN). The raw
 * echo sends as many bytes as the value's EDN form has.
 *
 * @param name  the option value
 * @param value the argument of the slacker call (and its expected result)
 * @param raw   the raw echo's payload
 * @param args  the argument vector of the call, {@code [value]}
 */
record BenchPayload(String name, Object value, byte[] raw, List<Object> args) {

    /** The payload named {@code name}. */
    static BenchPayload of(String name) {
        if (name.equals("map")) {
            Map<Keyword, String> m = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                m.put(Keyword.of("field-" + i), "value number " + i + " of ten");
            }
            Map<Keyword, String> value = Collections.unmodifiableMap(m);
            return new BenchPayload(name, value, EdnSerializer.standard().serialize(value), List.of(value));
        }
        int n;
        try {
            n = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("payload " + name + ": a byte count or 'map'");
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        String value = new String(bytes, StandardCharsets.US_ASCII);
        return new BenchPayload(name, value, bytes, List.of(value));
    }

    /** The column label: {@code 32 B} or {@code map}. */
    String label() {
        return value instanceof String ? raw.length + " B" : name;
    }
}
