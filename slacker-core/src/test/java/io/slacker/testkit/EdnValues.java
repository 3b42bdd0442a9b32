package io.slacker.testkit;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.edn.EquivKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link ValueGenerator.Profile#EDN} values: the whole data model as EDN text carries it,
 * nested; map keys and set elements are distinct under Clojure's equality (as a Clojure literal
 * requires).
 */
final class EdnValues {
    private static final long MIN_INST_MILLIS = ValueGenerator.MIN_INST_MILLIS;
    private static final long MAX_INST_MILLIS = ValueGenerator.MAX_INST_MILLIS;

    private static final String[] EDGE_STRINGS = {
        "", " ", "\"", "\\", "\\\"", "\n", "\r\n", "\t", "\f", "\b", "\u0000", "\u0007", "\u001f", "\u007f",
        "nil", "true", ":kw", "#inst", "#{}", "[1 2]", ";comment", "\\u0041", "\\o101",
        "héllo wörld – Ω 日本語 😀", "\uD83D\uDE00\uD83D\uDE00", "\u2028\u2029\u0085", "\uFEFF", "ä\u0308",
        "quote\" backslash\\ newline\n tab\t", "𝄞 clef", "\u00a0nbsp",
    };
    private static final String NAME_LEAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ*+!-_?<>=.éλ日Ω";
    private static final String NAME_REST = NAME_LEAD + "0123456789'#:$%&|";

    private final Random rnd;

    EdnValues(long seed) {
        rnd = new Random(seed);
    }

    /** A value of any type, nested at most {@code depth} levels. */
    Object any(int depth) {
        int k = rnd.nextInt(depth > 0 ? 22 : 17);
        return switch (k) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2, 3 -> longValue();
            case 4 -> doubleValue();
            case 5 -> bigInteger();
            case 6 -> bigDecimal();
            case 7 -> ratio();
            case 8, 9 -> string();
            case 10 -> character();
            case 11 -> keyword();
            case 12 -> symbol();
            case 13 -> instant();
            case 14 -> new UUID(rnd.nextLong(), rnd.nextLong());
            case 15 -> rnd.nextBoolean() ? new ArrayList<>() : rnd.nextBoolean() ? ClojureList.empty() : new LinkedHashMap<>();
            case 16 -> new LinkedHashSet<>();
            case 17, 18 -> vector(depth - 1);
            case 19 -> ClojureList.copyOf(vector(depth - 1));
            case 20 -> map(depth - 1);
            default -> set(depth - 1);
        };
    }

    private int size() {
        int r = rnd.nextInt(20);
        return r < 16 ? r % 5 : 5 + rnd.nextInt(10); // mostly small, sometimes > 8 (hash maps)
    }

    List<Object> vector(int depth) {
        int n = size();
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(any(depth));
        }
        return out;
    }

    Map<Object, Object> map(int depth) {
        int n = size();
        Map<Object, Object> out = new LinkedHashMap<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Object key = rnd.nextInt(3) == 0 ? keyword() : any(Math.min(depth, 1));
            if (seen.add(EquivKey.of(key))) {
                out.put(key, any(depth));
            }
        }
        return out;
    }

    Set<Object> set(int depth) {
        int n = size();
        Set<Object> out = new LinkedHashSet<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Object e = any(Math.min(depth, 1));
            if (seen.add(EquivKey.of(e))) {
                out.add(e);
            }
        }
        return out;
    }

    Long longValue() {
        return switch (rnd.nextInt(6)) {
            case 0 -> (long) rnd.nextInt(100) - 50;
            case 1 -> rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            case 2 -> (long) rnd.nextInt();
            default -> rnd.nextLong() >> rnd.nextInt(64);
        };
    }

    Double doubleValue() {
        return switch (rnd.nextInt(10)) {
            case 0 -> Double.NaN;
            case 1 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> rnd.nextBoolean() ? 0.0 : -0.0;
            case 3 -> rnd.nextBoolean() ? Double.MIN_VALUE : Double.MAX_VALUE;
            case 4 -> (double) rnd.nextInt(1000) / 8;
            default -> {
                double d = Double.longBitsToDouble(rnd.nextLong());
                yield Double.isNaN(d) ? 1.5 : d;
            }
        };
    }

    BigInteger bigInteger() {
        return switch (rnd.nextInt(4)) {
            case 0 -> BigInteger.valueOf(rnd.nextInt(20) - 10); // small: prints 7N
            case 1 -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
            default -> new BigInteger(1 + rnd.nextInt(200), rnd).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
        };
    }

    BigDecimal bigDecimal() {
        BigInteger unscaled = new BigInteger(1 + rnd.nextInt(120), rnd);
        if (rnd.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        int scale = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(61) - 30;
        return new BigDecimal(unscaled, scale);
    }

    Ratio ratio() {
        for (;;) {
            BigInteger n = rnd.nextBoolean() ? BigInteger.valueOf(rnd.nextInt(200) - 100) : new BigInteger(1 + rnd.nextInt(100), rnd).negate();
            BigInteger d = rnd.nextBoolean() ? BigInteger.valueOf(2 + rnd.nextInt(50)) : new BigInteger(2 + rnd.nextInt(100), rnd).add(BigInteger.TWO);
            Ratio r = Ratio.of(n, d);
            if (!r.isInteger()) {
                return r;
            }
        }
    }

    String string() {
        if (rnd.nextInt(4) == 0) {
            return EDGE_STRINGS[rnd.nextInt(EDGE_STRINGS.length)];
        }
        int n = rnd.nextInt(12);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(8)) {
                case 0 -> sb.append((char) rnd.nextInt(0x20));
                case 1 -> sb.append("\"\\\n\t\r\f\b".charAt(rnd.nextInt(7)));
                case 2 -> sb.append((char) (0x80 + rnd.nextInt(0x780)));
                case 3 -> sb.append(bmpNonSurrogate());
                case 4 -> sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000));
                default -> sb.append((char) (0x20 + rnd.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }

    private char bmpNonSurrogate() {
        for (;;) {
            char c = (char) rnd.nextInt(0x10000);
            if (!Character.isSurrogate(c)) {
                return c;
            }
        }
    }

    Character character() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "\n \t\b\f\r".charAt(rnd.nextInt(6));
            case 1 -> (char) (0x21 + rnd.nextInt(0x5e));
            default -> bmpNonSurrogate();
        };
    }

    private String name() {
        int n = 1 + rnd.nextInt(8);
        StringBuilder sb = new StringBuilder();
        sb.append(NAME_LEAD.charAt(rnd.nextInt(NAME_LEAD.length())));
        for (int i = 1; i < n; i++) {
            sb.append(NAME_REST.charAt(rnd.nextInt(NAME_REST.length())));
        }
        String s = sb.toString();
        // avoid what reads as something else: numbers, nil/true/false, "::", trailing ':'
        if ((s.charAt(0) == '+' || s.charAt(0) == '-' || s.charAt(0) == '.') && s.length() > 1 && Character.isDigit(s.charAt(1))
                || s.equals("nil") || s.equals("true") || s.equals("false") || s.contains("::") || s.endsWith(":")) {
            return "x" + s.replace(":", "") + "x";
        }
        return s;
    }

    private String namespace() {
        int parts = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder(name());
        for (int i = 1; i < parts; i++) {
            sb.append('.').append(name());
        }
        return sb.toString().replace(":", "");
    }

    Keyword keyword() {
        String name = name();
        if (rnd.nextInt(3) == 0) {
            return Keyword.of(namespace(), name);
        }
        return Keyword.of(name);
    }

    Symbol symbol() {
        if (rnd.nextInt(20) == 0) {
            return Symbol.of("/");
        }
        String name = name();
        if (rnd.nextInt(3) == 0) {
            return Symbol.of(namespace(), name);
        }
        return Symbol.of(null, name);
    }

    Instant instant() {
        long span = MAX_INST_MILLIS - MIN_INST_MILLIS;
        long ms = switch (rnd.nextInt(4)) {
            case 0 -> MIN_INST_MILLIS + Math.floorMod(rnd.nextLong(), span);
            case 1 -> rnd.nextBoolean() ? MIN_INST_MILLIS : MAX_INST_MILLIS;
            default -> 1_500_000_000_000L + rnd.nextInt() * 1000L + rnd.nextInt(1000);
        };
        return Instant.ofEpochMilli(ms);
    }
}
