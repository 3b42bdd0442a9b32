package io.slacker.internal.serialization.edn;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.NumberLimit;
import io.slacker.spi.SerializationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads EDN text into the slacker data model, accepting exactly what Clojure's
 * {@code clojure.edn/read-string} accepts (Clojure 1.12, built-in tags only), with two
 * deliberate differences: text after the single top-level value (other than whitespace, comments
 * and {@code #_} discards) is an error where Clojure ignores it, and the nesting depth is limited.
 *
 * <p>Values: {@code nil} → {@code null}; booleans; integers → {@link Long}, or
 * {@link java.math.BigInteger} when they do not fit or carry {@code N} (hex {@code 0x1F}, octal
 * {@code 017}, radix {@code 2r101} included); floats → {@link Double} ({@code ##Inf},
 * {@code ##-Inf}, {@code ##NaN} too); {@code M} → {@link java.math.BigDecimal}; ratios →
 * {@link io.slacker.data.Ratio}, or an integer when they reduce to one; strings; characters →
 * {@link Character}; keywords → {@link Keyword}; symbols → {@link Symbol}; lists →
 * {@link ClojureList}; vectors → {@link ArrayList}; maps → {@link LinkedHashMap} and sets →
 * {@link LinkedHashSet}, both in the order of the text; {@code #inst} → {@link java.time.Instant}
 * (truncated to milliseconds, as Clojure's {@code java.util.Date}); {@code #uuid} → {@link UUID}.
 * Metadata ({@code ^...}) is read, checked as Clojure does, and dropped. Namespaced maps
 * ({@code #:ns{...}}) are expanded. Duplicate map keys or set elements under Clojure's equality
 * ({@code 1} and {@code 1N} are the same key) are an error.
 *
 * <p>Empty input (or only whitespace and comments) reads as {@code null}, as in Clojure.
 *
 * <p>Instances are immutable and thread-safe. Every failure is a {@link SerializationException}
 * whose message says what is wrong and at which character offset (byte offset for invalid UTF-8).
 */
public final class EdnReader {
    /** The default nesting-depth limit. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private static final EdnReader STANDARD = builder().build();

    private final int maxDepth;
    private final int maxNumberLength;
    private final Map<Symbol, TagHandler> tags;
    private final TagHandler defaultTag;

    private EdnReader(Builder b) {
        this.maxDepth = b.maxDepth;
        this.maxNumberLength = b.maxNumberLength;
        this.tags = Map.copyOf(b.tags);
        this.defaultTag = b.defaultTag;
    }

    private EdnReader(EdnReader other, int maxNumberLength) {
        this.maxDepth = other.maxDepth;
        this.maxNumberLength = NumberLimit.validate(maxNumberLength);
        this.tags = other.tags;
        this.defaultTag = other.defaultTag;
    }

    /** This reader with another limit on number literals, in characters. */
    public EdnReader withMaxNumberLength(int max) {
        return new EdnReader(this, max);
    }

    /** A reader with the default depth limit and only the built-in tags {@code #inst} and {@code #uuid}. */
    public static EdnReader standard() {
        return STANDARD;
    }

    /** A builder for a reader with other limits or tag handlers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The nesting-depth limit of this reader. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The longest number literal this reader accepts, in characters. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /**
     * Reads one value from EDN text.
     *
     * @throws SerializationException when the text is not exactly one valid EDN value
     */
    public Object read(String text) {
        Objects.requireNonNull(text, "text");
        return new EdnParser(this, text).readTop();
    }

    /**
     * Reads one value from UTF-8 bytes.
     *
     * @throws SerializationException on invalid UTF-8, or when the text is not exactly one valid
     *                                EDN value
     */
    public Object read(byte[] utf8) {
        return read(utf8, 0, utf8.length);
    }

    /**
     * Reads one value from a range of UTF-8 bytes.
     *
     * @throws SerializationException on invalid UTF-8, or when the text is not exactly one valid
     *                                EDN value
     */
    public Object read(byte[] utf8, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        if (EdnLexer.isAscii(utf8, offset, length)) {
            return new EdnParser(this, utf8, offset, length).readTop();
        }
        return read(decode(utf8, offset, length));
    }

    /** The handler of a tag given to the builder, or null. */
    TagHandler tagHandler(Symbol tag) {
        return tags.get(tag);
    }

    /** The handler of tags without one of their own, or null. */
    TagHandler defaultTagHandler() {
        return defaultTag;
    }

    /** Strict UTF-8 decoding: the fast lenient decoder, re-checked only when it substituted. */
    private static String decode(byte[] b, int offset, int length) {
        String s = new String(b, offset, length, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, offset, length);
        try {
            d.decode(in);
            return s;
        } catch (MalformedInputException e) {
            throw new SerializationException("invalid UTF-8 at byte offset " + (in.position() - offset));
        } catch (CharacterCodingException e) {
            throw new SerializationException("invalid UTF-8 at byte offset " + (in.position() - offset), e);
        }
    }

    /** Configures an {@link EdnReader}. */
    public static final class Builder {
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxNumberLength = NumberLimit.DEFAULT;
        private final Map<Symbol, TagHandler> tags = new HashMap<>();
        private TagHandler defaultTag;

        private Builder() {
        }

        /** The deepest nesting of collections, tags, metadata and discards accepted (default 512). */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** The longest number literal accepted, in characters (default 1,000; see {@link NumberLimit}). */
        public Builder maxNumberLength(int max) {
            this.maxNumberLength = NumberLimit.validate(max);
            return this;
        }

        /**
         * A handler for one tag, e.g. {@code "my/point"} for {@code #my/point [1 2]}. It takes
         * precedence over the built-in {@code inst} and {@code uuid} readers, as {@code :readers}
         * does in Clojure.
         */
        public Builder tag(String tag, TagHandler handler) {
            tags.put(Symbol.of(tag), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * The handler for tags that have no handler of their own (Clojure's {@code :default});
         * without one an unknown tag is an error. {@link TagHandler#KEEP} keeps them as
         * {@link TaggedLiteral}.
         */
        public Builder defaultTagHandler(TagHandler handler) {
            this.defaultTag = handler;
            return this;
        }

        /** The reader. */
        public EdnReader build() {
            return new EdnReader(this);
        }
    }
}
