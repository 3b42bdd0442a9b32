package io.slacker.internal.serialization.edn;

import io.slacker.ContentType;
import io.slacker.spi.Serializer;

/**
 * The {@code clj} content type: values as the UTF-8 EDN text Clojure's printer and
 * {@code clojure.edn} reader exchange. Thread-safe.
 *
 * <p>An empty byte array (or {@code null}) deserializes to {@code null}, as Clojure's
 * {@code read-string} of {@code ""} does; the HTTP transport relies on that for empty bodies.
 */
public final class EdnSerializer implements Serializer {
    private static final EdnSerializer STANDARD = builder().build();

    private final EdnReader reader;
    private final EdnPrinter printer;

    private EdnSerializer(EdnReader reader, EdnPrinter printer) {
        this.reader = reader;
        this.printer = printer;
    }

    /** A serializer with the default depth limit and the built-in tags. */
    public static EdnSerializer standard() {
        return STANDARD;
    }

    /** A builder for a serializer with other limits or tag handlers. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ContentType contentType() {
        return ContentType.CLJ;
    }

    @Override
    public byte[] serialize(Object value) {
        return printer.printUtf8(value);
    }

    @Override
    public Object deserialize(byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        return reader.read(data);
    }

    @Override
    public EdnSerializer withMaxNumberLength(int max) {
        return new EdnSerializer(reader.withMaxNumberLength(max), printer);
    }

    /** The reader this serializer decodes with. */
    public EdnReader reader() {
        return reader;
    }

    /** The printer this serializer encodes with. */
    public EdnPrinter printer() {
        return printer;
    }

    /** Configures an {@link EdnSerializer}. */
    public static final class Builder {
        private final EdnReader.Builder reader = EdnReader.builder();
        private int maxDepth = EdnReader.DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        /** The deepest nesting read or printed (default 512). */
        public Builder maxDepth(int maxDepth) {
            reader.maxDepth(maxDepth);
            this.maxDepth = maxDepth;
            return this;
        }

        /** The longest number literal read, in characters (default 1,000). */
        public Builder maxNumberLength(int max) {
            reader.maxNumberLength(max);
            return this;
        }

        /** A handler for one tag when reading; see {@link EdnReader.Builder#tag}. */
        public Builder tag(String tag, TagHandler handler) {
            reader.tag(tag, handler);
            return this;
        }

        /** The handler for otherwise unknown tags; see {@link EdnReader.Builder#defaultTagHandler}. */
        public Builder defaultTagHandler(TagHandler handler) {
            reader.defaultTagHandler(handler);
            return this;
        }

        /** The serializer. */
        public EdnSerializer build() {
            return new EdnSerializer(reader.build(), EdnPrinter.withMaxDepth(maxDepth));
        }
    }
}
