package io.slacker.testkit;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.testkit.ValueGenerator.Profile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link Profile#NIPPY} and {@link Profile#TRANSIT} values: the whole data model, nested,
 * with size-class boundaries (strings and names of 127/128/32767/32768 bytes, integers at every
 * width, collections of 0..300 items).
 */
final class BinaryValues {
    private static final long[] LONG_EDGES = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768,
        -32769, 65535, 65536, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L,
        (1L << 53), (1L << 53) + 1, -(1L << 53) - 1, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final int[] SIZE_EDGES = {0, 1, 126, 127, 128, 129, 255, 256, 32766, 32767, 32768, 32769};
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-.*+!?_<>=";

    private final Random rnd;
    private final Profile profile;
    private final int maxDepth;

    BinaryValues(long seed, Profile profile, int maxDepth) {
        this.rnd = new Random(seed);
        this.profile = profile;
        this.maxDepth = maxDepth;
    }

    /** One random value. */
    Object next() {
        return value(0, false);
    }

    private Object value(int depth, boolean asKey) {
        int pick = rnd.nextInt(depth >= maxDepth ? 16 : 21);
        return switch (pick) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2, 3 -> longValue();
            case 4 -> doubleValue();
            case 5, 6 -> string();
            case 7 -> Keyword.of(name());
            case 8 -> Symbol.of(name());
            case 9 -> bigInteger();
            case 10 -> new BigDecimal(bigInteger(), rnd.nextInt(41) - 20);
            case 11 -> ratio();
            case 12 -> character();
            case 13 -> new UUID(rnd.nextLong(), rnd.nextLong());
            case 14 -> instant();
            case 15 -> asKey ? Keyword.of(name()) : bytes();
            case 16 -> vector(depth, asKey);
            case 17 -> ClojureList.copyOf(vector(depth, asKey));
            case 18, 19 -> map(depth, asKey);
            default -> set(depth, asKey);
        };
    }

    private long longValue() {
        return switch (rnd.nextInt(4)) {
            case 0 -> LONG_EDGES[rnd.nextInt(LONG_EDGES.length)];
            case 1 -> rnd.nextInt(200) - 100;
            case 2 -> rnd.nextInt();
            default -> rnd.nextLong();
        };
    }

    private double doubleValue() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0.0;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> Double.NaN;
            case 4 -> Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL) * (rnd.nextBoolean() ? 1 : -1);
            case 5 -> Double.MIN_VALUE;
            default -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(30) - 10);
        };
    }

    private BigInteger bigInteger() {
        BigInteger b = new BigInteger(1 + rnd.nextInt(200), rnd);
        return rnd.nextBoolean() ? b.negate() : b;
    }

    private Ratio ratio() {
        while (true) {
            BigInteger n = bigInteger();
            BigInteger d = new BigInteger(1 + rnd.nextInt(100), rnd).add(BigInteger.TWO);
            Ratio r = Ratio.of(n, d);
            if (!r.isInteger()) {
                return r;
            }
        }
    }

    private char character() {
        while (true) {
            char c = (char) (rnd.nextBoolean() ? 32 + rnd.nextInt(95) : rnd.nextInt(0x10000));
            if (!Character.isSurrogate(c)) {
                return c;
            }
        }
    }

    private Instant instant() {
        long secs = rnd.nextLong() % 100_000_000_000L;
        if (profile == Profile.TRANSIT) {
            return Instant.ofEpochMilli(secs * 1000 + rnd.nextInt(1000));
        }
        return rnd.nextBoolean() ? Instant.ofEpochSecond(secs, rnd.nextInt(1_000_000_000))
                : Instant.ofEpochMilli(secs * 1000 + rnd.nextInt(1000));
    }

    private byte[] bytes() {
        byte[] b = new byte[size(false)];
        rnd.nextBytes(b);
        return b;
    }

    private String string() {
        int r = rnd.nextInt(20);
        if (r == 0) {
            return "a".repeat(SIZE_EDGES[rnd.nextInt(SIZE_EDGES.length)]);
        }
        if (r == 1) {
            // transit escapes strings that start with its markers
            return new String[] {"~", "^", "`", "~:a", "^ ", "~#tag", "~~x", "^0"}[rnd.nextInt(8)];
        }
        int n = rnd.nextInt(r < 10 ? 8 : 40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> sb.append(character());
                case 1 -> sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000 - 0x10000));
                case 2 -> sb.append("\"\\\n\t".charAt(rnd.nextInt(4)));
                default -> sb.append((char) ('a' + rnd.nextInt(26)));
            }
        }
        return sb.toString();
    }

    private String name() {
        String n = simpleName();
        if (rnd.nextInt(3) == 0) {
            n = simpleName() + "/" + n;
        }
        if (rnd.nextInt(50) == 0) {
            int len = new int[] {126, 127, 128, 129, 300}[rnd.nextInt(5)];
            n = "k" + "x".repeat(len - 1);
        }
        return n;
    }

    private String simpleName() {
        int n = 1 + rnd.nextInt(10);
        StringBuilder sb = new StringBuilder().append((char) ('a' + rnd.nextInt(26)));
        for (int i = 1; i < n; i++) {
            sb.append(NAME_CHARS.charAt(rnd.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }

    /** Mostly small; sometimes up to 300 (only near the top, to bound the total size). */
    private int size(boolean shallowOnly) {
        int r = rnd.nextInt(100);
        if (r < 70) {
            return rnd.nextInt(5);
        }
        if (r < 95 || shallowOnly) {
            return rnd.nextInt(40);
        }
        return new int[] {127, 128, 129, 255, 256, 300}[rnd.nextInt(6)];
    }

    private int collSize(int depth) {
        return depth == 0 ? size(false) : depth == 1 ? size(true) : rnd.nextInt(4);
    }

    private List<Object> vector(int depth, boolean asKey) {
        int n = collSize(depth);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(value(depth + 1, asKey));
        }
        return out;
    }

    private Map<Object, Object> map(int depth, boolean asKey) {
        int n = collSize(depth);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object k = rnd.nextInt(3) == 0 ? value(depth + 1, true) : Keyword.of(name());
            out.put(k, value(depth + 1, asKey));
        }
        return out;
    }

    private Set<Object> set(int depth, boolean asKey) {
        int n = collSize(depth);
        Set<Object> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            out.add(value(depth + 1, true));
        }
        return out;
    }
}
