package io.slacker;

import java.util.Locale;

/**
 * The serialization formats of the slacker protocol, with their wire numbers.
 *
 * <p>The name is the one the Clojure implementation uses (the keyword without colon, and the
 * suffix of HTTP transport URLs).
 */
public enum ContentType {
    /** Kryo ("carb" in slacker). */
    CARB(0, "carb"),
    /** JSON (cheshire on the Clojure side, Jackson here). */
    JSON(1, "json"),
    /** EDN, Clojure's printer/reader format. */
    CLJ(2, "clj"),
    /** nippy, Clojure's binary format. */
    NIPPY(3, "nippy"),
    /** transit over JSON. */
    TRANSIT_JSON(4, "transit-json"),
    /** transit over msgpack. */
    TRANSIT_MSGPACK(5, "transit-msgpack"),
    /** Kryo inside a deflate stream. */
    DEFLATE_CARB(10, "deflate-carb"),
    /** JSON inside a deflate stream. */
    DEFLATE_JSON(11, "deflate-json"),
    /** EDN inside a deflate stream. */
    DEFLATE_CLJ(12, "deflate-clj"),
    /** nippy inside a deflate stream. */
    DEFLATE_NIPPY(13, "deflate-nippy");

    private static final ContentType[] BY_CODE = new ContentType[14];

    static {
        for (ContentType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String wireName;

    ContentType(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The number of this content type on the wire. */
    public int code() {
        return code;
    }

    /** The Clojure name of this content type, e.g. {@code "clj"} or {@code "deflate-json"}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this is a deflate-wrapped variant of another content type. */
    public boolean isDeflate() {
        return code >= 10;
    }

    /** The content type inside the deflate stream, or this one when it is not a deflate variant. */
    public ContentType inner() {
        return isDeflate() ? BY_CODE[code - 10] : this;
    }

    /**
     * The content type with this wire number.
     *
     * @return the content type, or {@code null} when the number is not in the table
     */
    public static ContentType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * The content type with this Clojure name ({@code "clj"}, {@code "transit-json"}, ...).
     *
     * @throws IllegalArgumentException when no content type has that name
     */
    public static ContentType fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ContentType t : values()) {
            if (t.wireName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown content type: " + name);
    }
}
