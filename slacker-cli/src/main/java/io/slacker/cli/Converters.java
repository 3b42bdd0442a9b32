package io.slacker.cli;

import io.slacker.ContentType;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters. */
final class Converters {
    private Converters() {
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or a plain number of milliseconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                Duration d;
                if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
                } else if (v.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
                } else if (v.endsWith("m")) {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
                } else {
                    d = Duration.ofMillis(Long.parseLong(v));
                }
                if (d.isNegative() || d.isZero()) {
                    throw new TypeConversionException("must be positive: '" + value + "'");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 2s, 1m, or milliseconds)");
            }
        }
    }

    /** A content type by its slacker name: clj, json, nippy, transit-json, transit-msgpack, carb, deflate-... */
    static final class ContentTypeConverter implements ITypeConverter<ContentType> {
        @Override
        public ContentType convert(String value) {
            try {
                return ContentType.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown content type '" + value + "'; one of " + names());
            }
        }

        static String names() {
            StringBuilder sb = new StringBuilder();
            for (ContentType t : ContentType.values()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(t.wireName());
            }
            return sb.toString();
        }
    }
}
