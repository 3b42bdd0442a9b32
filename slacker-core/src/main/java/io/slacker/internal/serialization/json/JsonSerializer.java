package io.slacker.internal.serialization.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.JavaData;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON content type, written and read the way cheshire does it on the Clojure side.
 *
 * <p>Decoding: objects become {@link LinkedHashMap}s with {@link Keyword} keys (also for keys
 * such as {@code "1"}), nested arrays {@link ArrayList}s, a top-level array a {@link ClojureList}
 * (Clojure reads it as a seq), integers {@link Long} or {@link BigInteger} when too large, other
 * numbers {@link Double}. Empty input decodes to {@code null}.
 *
 * <p>Encoding: keywords are written as strings without the colon ({@code "my.ns/bar"}); symbols,
 * characters and UUIDs as strings; {@link Instant} and {@link Date} as
 * {@code "2020-01-02T03:04:05Z"} (UTC, milliseconds dropped); ratios as doubles; infinite and NaN
 * doubles as the strings {@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"}; sets, lists and
 * arrays as arrays; {@code byte[]} as a base64 string; map keys as their text (keywords without
 * colon). Other types go through {@link JavaData#toData}.
 *
 * <p>Nesting deeper than the configured limit (default {@value #DEFAULT_MAX_DEPTH}) fails in
 * both directions. Thread-safe.
 */
public final class JsonSerializer implements Serializer {
    /** The default limit of nested arrays and objects. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory factory;
    private final int maxDepth;
    private final int maxNumberLength;

    /** A JSON serializer with the default depth limit. */
    public JsonSerializer() {
        this(DEFAULT_MAX_DEPTH);
    }

    /**
     * A JSON serializer with this limit of nested arrays and objects.
     *
     * @param maxDepth the deepest nesting accepted, at least 1
     */
    public JsonSerializer(int maxDepth) {
        this(maxDepth, NumberLimit.DEFAULT);
    }

    /**
     * A JSON serializer with these limits.
     *
     * @param maxDepth the deepest nesting accepted, at least 1
     * @param maxNumberLength the longest number literal accepted, in characters (Jackson's
     *     {@code StreamReadConstraints.maxNumberLength})
     */
    public JsonSerializer(int maxDepth, int maxNumberLength) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.maxNumberLength = NumberLimit.validate(maxNumberLength);
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
                        .maxNumberLength(maxNumberLength).build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxDepth).build())
                // characters outside the BMP as raw 4-byte UTF-8, as cheshire's Jackson wrote them
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }

    @Override
    public JsonSerializer withMaxNumberLength(int max) {
        return new JsonSerializer(maxDepth, max);
    }

    @Override
    public ContentType contentType() {
        return ContentType.JSON;
    }

    @Override
    public byte[] serialize(Object value) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, value, 0);
        } catch (IOException e) {
            throw new SerializationException("json: cannot encode value: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public Object deserialize(byte[] data) {
        try (JsonParser p = factory.createParser(data)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            Object value = t == JsonToken.START_ARRAY ? ClojureList.of(readArray(p, 1).toArray()) : read(p, t, 0);
            if (p.nextToken() != null) {
                throw new SerializationException("json: unexpected content after the value at " + p.currentLocation().getByteOffset());
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            if (e instanceof StreamConstraintsException && e.getMessage().startsWith("Number value length")) {
                throw new SerializationException("json: number exceeds the limit of " + maxNumberLength
                        + " characters (maxNumberLength): " + e.getMessage(), e);
            }
            throw new SerializationException("json: malformed input: " + e.getMessage(), e);
        }
    }

    // ---- decoding ----

    private Object read(JsonParser p, JsonToken t, int depth) throws IOException {
        if (t == null) {
            throw new SerializationException("json: unexpected end of input");
        }
        switch (t) {
            case START_OBJECT:
                return readObject(p, depth + 1);
            case START_ARRAY:
                return readArray(p, depth + 1);
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new SerializationException("json: unexpected token " + t);
        }
    }

    private Map<Keyword, Object> readObject(JsonParser p, int depth) throws IOException {
        checkDepth(depth);
        Map<Keyword, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            map.put(Keyword.of(name), read(p, p.nextToken(), depth));
        }
        return map;
    }

    private List<Object> readArray(JsonParser p, int depth) throws IOException {
        checkDepth(depth);
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            list.add(read(p, t, depth));
        }
        return list;
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new SerializationException("json: nesting deeper than " + maxDepth);
        }
    }

    // ---- encoding ----

    private void write(JsonGenerator g, Object v, int depth) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Keyword k) {
            g.writeString(k.text());
        } else if (v instanceof Map<?, ?> m) {
            checkDepth(depth + 1);
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(keyText(e.getKey()));
                write(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            checkDepth(depth + 1);
            g.writeStartArray();
            for (Object o : c) {
                write(g, o, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Ratio r) {
            g.writeNumber(r.doubleValue());
        } else if (v instanceof Float f) {
            g.writeNumber(f.floatValue());
        } else if (v instanceof AtomicLong || v instanceof AtomicInteger) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Symbol || v instanceof Character || v instanceof UUID) {
            g.writeString(v.toString());
        } else if (v instanceof Instant i) {
            g.writeString(DATE_FORMAT.format(i));
        } else if (v instanceof Date d) {
            g.writeString(DATE_FORMAT.format(Instant.ofEpochMilli(d.getTime())));
        } else if (v instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (v.getClass().isArray()) {
            checkDepth(depth + 1);
            g.writeStartArray();
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                write(g, Array.get(v, i), depth + 1);
            }
            g.writeEndArray();
        } else {
            write(g, JavaData.toData(v), depth);
        }
    }

    /** A map key as cheshire writes it: keywords without colon, nil as "", anything else its text. */
    private static String keyText(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Keyword k) {
            return k.text();
        }
        return key == null ? "" : key.toString();
    }
}
