package io.slacker.internal.serialization.edn;

import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The token grammar of Clojure's EDN reader, hand-written: numbers (integer, float, ratio
 * patterns) and symbols/keywords (the symbol pattern plus its extra rules).
 */
final class Tokens {
    private Tokens() {
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String t, int from, int to, int radix) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            boolean ok = switch (radix) {
                case 8 -> c >= '0' && c <= '7';
                case 10 -> isAsciiDigit(c);
                case 16 -> isAsciiDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
                default -> isAsciiDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number a token stands for; {@code null} when it is no number; a {@link String} message
     * when it has the shape of a number but no value (radix out of range, division by zero...).
     */
    static Object number(String t) {
        int n = t.length();
        int i = 0;
        boolean negate = false;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            negate = t.charAt(0) == '-';
            i = 1;
        }
        if (i >= n || !isAsciiDigit(t.charAt(i))) {
            return null;
        }
        Object integer = integer(t, i, negate);
        if (integer != NOT_INTEGER) {
            return integer;
        }
        // float: digits ('.' digits*)? ([eE] [-+]? digits)? M?
        int j = i;
        while (j < n && isAsciiDigit(t.charAt(j))) {
            j++;
        }
        int digitsEnd = j;
        if (j < n && t.charAt(j) == '.') {
            j++;
            while (j < n && isAsciiDigit(t.charAt(j))) {
                j++;
            }
        }
        if (j < n && (t.charAt(j) == 'e' || t.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (t.charAt(k) == '+' || t.charAt(k) == '-')) {
                k++;
            }
            int expStart = k;
            while (k < n && isAsciiDigit(t.charAt(k))) {
                k++;
            }
            j = k > expStart ? k : -1;
        }
        if (j == n) {
            return Double.parseDouble(t);
        }
        if (j == n - 1 && t.charAt(j) == 'M') {
            return new BigDecimal(t.substring(0, j));
        }
        // ratio: digits '/' digits
        if (digitsEnd < n && t.charAt(digitsEnd) == '/' && allDigits(t, digitsEnd + 1, n, 10)) {
            BigInteger num = new BigInteger(t.substring(i, digitsEnd));
            if (negate) {
                num = num.negate();
            }
            BigInteger den = new BigInteger(t.substring(digitsEnd + 1));
            if (den.signum() == 0) {
                return "divide by zero";
            }
            BigInteger gcd = num.gcd(den);
            if (gcd.signum() != 0) {
                num = num.divide(gcd);
                den = den.divide(gcd);
            }
            if (den.equals(BigInteger.ONE)) {
                return reduce(num);
            }
            return Ratio.of(num, den);
        }
        return null;
    }

    private static final Object NOT_INTEGER = new Object();

    /** The integer pattern; NOT_INTEGER when it does not match, null when it matches without value. */
    private static Object integer(String t, int i, boolean negate) {
        int n = t.length();
        boolean big = t.charAt(n - 1) == 'N';
        int end = big ? n - 1 : n;
        char first = t.charAt(i);
        if (first == '0') {
            if (end == i + 1) {
                return big ? BigInteger.ZERO : (Object) 0L;
            }
            char second = t.charAt(i + 1);
            if ((second == 'x' || second == 'X') && allDigits(t, i + 2, end, 16)) {
                return value(t.substring(i + 2, end), 16, negate, big);
            }
            if (allDigits(t, i + 1, end, 8)) {
                return value(t.substring(i + 1, end), 8, negate, big);
            }
            if (allDigits(t, i + 1, end, 10)) {
                return null; // 0[0-9]+: matches the pattern but is no number
            }
            return NOT_INTEGER;
        }
        // radix: [1-9][0-9]? [rR] [0-9A-Za-z]+ (a trailing N is a digit here)
        int r = i + 1 < n && (t.charAt(i + 1) == 'r' || t.charAt(i + 1) == 'R') ? i + 1
                : i + 2 < n && isAsciiDigit(t.charAt(i + 1)) && (t.charAt(i + 2) == 'r' || t.charAt(i + 2) == 'R') ? i + 2
                : -1;
        if (r > 0 && allDigits(t, r + 1, n, 36)) {
            int radix = Integer.parseInt(t.substring(i, r));
            if (radix > Character.MAX_RADIX) {
                return "radix out of range";
            }
            try {
                return value(t.substring(r + 1), radix, negate, false);
            } catch (NumberFormatException e) {
                return "digit out of radix " + radix;
            }
        }
        if (allDigits(t, i, end, 10)) {
            if (!big && end - i <= 18) {
                long v = 0;
                for (int k = i; k < end; k++) {
                    v = v * 10 + (t.charAt(k) - '0');
                }
                return negate ? -v : v;
            }
            return value(t.substring(i, end), 10, negate, big);
        }
        return NOT_INTEGER;
    }

    private static Object value(String digits, int radix, boolean negate, boolean big) {
        BigInteger b = new BigInteger(digits, radix);
        if (negate) {
            b = b.negate();
        }
        return big ? b : reduce(b);
    }

    private static Object reduce(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    // ---- symbols and keywords ----

    /** Not a digit and not '/': the first character of a symbol's namespace or name. */
    private static boolean isLead(char c) {
        return !isAsciiDigit(c) && c != '/';
    }

    /**
     * Matches {@code ([\D&&[^/]].*\/)?(/|[\D&&[^/]][^/]*)} against {@code s} from {@code from} to
     * the end.
     *
     * @return where the name part starts, or -1 when it does not match
     */
    private static int matchSymbol(String s, int from) {
        int n = s.length();
        if (from >= n) {
            return -1;
        }
        int lastSlash = s.lastIndexOf('/');
        if (lastSlash < from) {
            return isLead(s.charAt(from)) ? from : -1;
        }
        if (n - from == 1) {
            return from; // just "/"
        }
        int nameStart;
        int nsSlash;
        if (lastSlash < n - 1) {
            nameStart = lastSlash + 1;
            nsSlash = lastSlash;
            if (!isLead(s.charAt(nameStart))) {
                return -1;
            }
        } else {
            // ends with '/': the name is "/" and the namespace part must end with '/' too
            nameStart = n - 1;
            nsSlash = n - 2;
            if (nsSlash <= from || s.charAt(nsSlash) != '/') {
                return -1;
            }
        }
        if (!isLead(s.charAt(from))) {
            return -1;
        }
        for (int k = from + 1; k < nsSlash; k++) {
            if (s.charAt(k) == '\u0085') {
                return -1; // '.' does not match this line terminator
            }
        }
        return nameStart;
    }

    /** The symbol or keyword a token stands for, or {@code null} when it is not valid. */
    static Object symbolOrKeyword(String s) {
        int from = 0;
        int nameStart = -1;
        if (s.charAt(0) == ':') {
            from = 1;
            nameStart = matchSymbol(s, 1);
        }
        if (nameStart < 0) {
            from = 0;
            nameStart = matchSymbol(s, 0);
            if (nameStart < 0) {
                return null;
            }
        }
        if (nameStart > from && s.startsWith(":/", nameStart - 2) && nameStart - 2 >= from
                || s.endsWith(":")
                || s.indexOf("::", 1) >= 0
                || s.startsWith("::")) {
            return null;
        }
        if (s.charAt(0) == ':') {
            return Keyword.of(s.substring(1));
        }
        return Symbol.of(s);
    }
}
