package io.slacker.internal.serialization.edn;

import io.slacker.spi.SerializationException;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code #inst} literals, as {@code clojure.instant} reads and prints it.
 *
 * <p>Clojure goes through {@link GregorianCalendar} and {@link SimpleDateFormat}, which switch to
 * the Julian calendar before 1582-10-15. Dates from 1583 on are computed with java.time (both
 * calendars agree there); earlier ones go through the same legacy classes so the milliseconds
 * match Clojure's exactly.
 */
final class InstantText {
    /** The grammar of clojure.instant/parse-timestamp (RFC 3339 with optional trailing parts). */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d\\d\\d\\d)(?:-(\\d\\d)(?:-(\\d\\d)(?:[T](\\d\\d)(?::(\\d\\d)(?::(\\d\\d)(?:[.](\\d+))?)?)?)?)?)?"
                    + "(?:[Z]|([-+])(\\d\\d):(\\d\\d))?");

    /** 1583-01-01T00:00:00Z: from here on, Gregorian and proleptic Gregorian agree with margin. */
    private static final long FAST_MIN_MILLIS = LocalDate.of(1583, 1, 1).toEpochDay() * 86_400_000L;
    /** 10000-01-01T00:00:00Z: four-digit years end here. */
    private static final long FAST_END_MILLIS = LocalDate.of(10000, 1, 1).toEpochDay() * 86_400_000L;

    private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private InstantText() {
    }

    /**
     * Reads the string of an {@code #inst} literal as Clojure's {@code read-instant-date} does:
     * the fraction is truncated to milliseconds, a missing offset means UTC.
     *
     * @throws SerializationException when the text is not a valid timestamp
     */
    static Instant parse(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            throw new SerializationException("unrecognized #inst date/time syntax: \"" + text + "\"");
        }
        int years = Integer.parseInt(m.group(1));
        int months = intOr(m.group(2), 1);
        int days = intOr(m.group(3), 1);
        int hours = intOr(m.group(4), 0);
        int minutes = intOr(m.group(5), 0);
        int seconds = intOr(m.group(6), 0);
        int nanos = 0;
        if (m.group(7) != null) {
            String f = m.group(7);
            f = f.length() >= 9 ? f.substring(0, 9) : (f + "000000000").substring(0, 9);
            nanos = Integer.parseInt(f);
        }
        int sign = m.group(8) == null ? 0 : m.group(8).equals("-") ? -1 : 1;
        int offHours = intOr(m.group(9), 0);
        int offMinutes = intOr(m.group(10), 0);

        boolean leap = years % 4 == 0 && (years % 100 != 0 || years % 400 == 0);
        check(months >= 1 && months <= 12, "month", text);
        check(days >= 1 && days <= (leap && months == 2 ? 29 : DAYS_IN_MONTH[months]), "day", text);
        check(hours <= 23, "hour", text);
        check(minutes <= 59, "minute", text);
        check(seconds <= (minutes == 59 ? 60 : 59), "second", text);
        check(offHours <= 23, "offset hour", text);
        check(offMinutes <= 59, "offset minute", text);

        int millis = nanos / 1_000_000;
        long offsetSeconds = (long) (sign < 0 ? -1 : 1) * (offHours * 3600L + offMinutes * 60L);
        if (years >= 1583) {
            long epochSecond = LocalDate.of(years, months, days).toEpochDay() * 86_400L
                    + hours * 3600L + minutes * 60L + seconds - offsetSeconds;
            return Instant.ofEpochMilli(epochSecond * 1000L + millis);
        }
        String zone = String.format("GMT%s%02d:%02d", sign < 0 ? "-" : "+", offHours, offMinutes);
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone(zone));
        c.clear();
        c.set(years, months - 1, days, hours, minutes, seconds);
        c.set(Calendar.MILLISECOND, millis);
        return Instant.ofEpochMilli(c.getTimeInMillis());
    }

    private static int intOr(String digits, int dflt) {
        return digits == null ? dflt : Integer.parseInt(digits);
    }

    private static void check(boolean ok, String field, String text) {
        if (!ok) {
            throw new SerializationException("#inst " + field + " out of range: \"" + text + "\"");
        }
    }

    /**
     * Writes {@code yyyy-MM-dd'T'HH:mm:ss.SSS-00:00} for these epoch milliseconds, as Clojure's
     * {@code print-method} for {@link Date} does (UTC, hybrid Julian/Gregorian calendar).
     */
    static void format(long epochMillis, Utf8Sink out) {
        if (epochMillis < FAST_MIN_MILLIS || epochMillis >= FAST_END_MILLIS) {
            SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS-00:00");
            f.setTimeZone(TimeZone.getTimeZone("GMT"));
            out.writeAscii(f.format(new Date(epochMillis)));
            return;
        }
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        int msOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(day);
        out.writeDigits(date.getYear(), 4);
        out.writeByte('-');
        out.writeDigits(date.getMonthValue(), 2);
        out.writeByte('-');
        out.writeDigits(date.getDayOfMonth(), 2);
        out.writeByte('T');
        out.writeDigits(msOfDay / 3_600_000, 2);
        out.writeByte(':');
        out.writeDigits(msOfDay / 60_000 % 60, 2);
        out.writeByte(':');
        out.writeDigits(msOfDay / 1000 % 60, 2);
        out.writeByte('.');
        out.writeDigits(msOfDay % 1000, 3);
        out.writeAscii("-00:00");
    }
}
