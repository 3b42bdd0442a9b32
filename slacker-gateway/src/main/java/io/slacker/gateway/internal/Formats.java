package io.slacker.gateway.internal;

import io.slacker.ContentType;
import java.util.Locale;

/** HTTP media types of the slacker route: JSON (default), EDN, transit-json. */
final class Formats {
    private Formats() {
    }

    /** The content type of a request body by its Content-Type header (JSON when absent), or null when unsupported. */
    static ContentType ofBody(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return ContentType.JSON;
        }
        return of(contentType.split(";", 2)[0].trim());
    }

    /** The response content type for an Accept header (first supported entry; JSON for none or {@code * / *}). */
    static ContentType ofAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return ContentType.JSON;
        }
        for (String part : accept.split(",")) {
            String t = part.split(";", 2)[0].trim();
            if (t.equals("*/*") || t.equals("application/*")) {
                return ContentType.JSON;
            }
            ContentType c = of(t);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** The media type of a content type's answers. */
    static String mediaType(ContentType c) {
        return switch (c) {
            case CLJ -> "application/edn";
            case TRANSIT_JSON -> "application/transit+json";
            default -> "application/json";
        };
    }

    private static ContentType of(String mediaType) {
        return switch (mediaType.toLowerCase(Locale.ROOT)) {
            case "application/json", "text/json" -> ContentType.JSON;
            case "application/edn", "application/clojure" -> ContentType.CLJ;
            case "application/transit+json" -> ContentType.TRANSIT_JSON;
            default -> null;
        };
    }
}
