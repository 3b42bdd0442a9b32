package io.slacker.examples.bench;

import io.slacker.ContentType;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decode time of one long number literal, without a length limit (the behaviour before issue #11,
 * as the baseline) and with the default limit of 1,000 characters, in the same run: EDN integer,
 * EDN decimal, EDN ratio and transit {@code ~n}. Without the limit the time grows faster than the
 * length; with it the literal is refused after one linear scan.
 *
 * <p>Run: {@code java -cp ... io.slacker.examples.bench.NumberLimitBenchmark [digits...]}
 * (default 10000 100000 300000; 1000000 takes minutes without the limit).
 */
public final class NumberLimitBenchmark {
    private NumberLimitBenchmark() {
    }

    /** Prints one line per literal kind and length. */
    public static void main(String[] args) {
        int[] lengths = args.length == 0 ? new int[] {10_000, 100_000, 300_000}
            : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Serializers limited = Serializers.defaults();
        Serializers unlimited = Serializers.defaults().withMaxNumberLength(Integer.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%-14s %9s %14s %14s %10s%n", "literal", "digits", "unlimited ms", "limited ms",
            "ratio");
        for (int n : lengths) {
            String d = "7".repeat(n);
            row("edn integer", n, ContentType.CLJ, "[" + d + "]", limited, unlimited);
            row("edn bigdec", n, ContentType.CLJ, "[" + d + ".5M]", limited, unlimited);
            row("edn ratio", n, ContentType.CLJ, "[" + d + "/" + d.substring(1) + "3]", limited, unlimited);
            row("transit ~n", n, ContentType.TRANSIT_JSON, "[\"~n" + d + "\"]", limited, unlimited);
        }
        // the worst a frame can do within the limit: 16 MiB of 1,000-digit literals
        StringBuilder full = new StringBuilder("[");
        String literal = "7".repeat(999) + "N ";
        while (full.length() + literal.length() < 16 * 1024 * 1024 - 1) {
            full.append(literal);
        }
        byte[] frame = full.append(']').toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "16 MiB EDN of 1,000-digit literals (all accepted): %.0f ms%n",
            millis(limited.get(ContentType.CLJ), frame));
    }

    private static void row(String what, int digits, ContentType type, String text, Serializers limited,
                            Serializers unlimited) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        double before = millis(unlimited.get(type), bytes);
        double after = millis(limited.get(type), bytes);
        System.out.printf(Locale.ROOT, "%-14s %9d %14.1f %14.3f %9.0fx%n", what, digits, before, after, before / after);
    }

    /** Best of three decodes (refusals count as a decode). */
    private static double millis(Serializer s, byte[] bytes) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            try {
                s.deserialize(bytes);
            } catch (SerializationException e) {
                // the limit refused it: that is the measured outcome
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }
}
