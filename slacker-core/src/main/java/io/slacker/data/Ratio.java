package io.slacker.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * A Clojure ratio such as {@code 1/3}: an exact fraction, kept in lowest terms with a positive
 * denominator. Value equality.
 */
public final class Ratio extends Number implements Comparable<Ratio> {
    private static final long serialVersionUID = 1L;

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Ratio(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /**
     * The ratio {@code numerator/denominator}, normalized.
     *
     * @throws ArithmeticException when the denominator is zero
     */
    public static Ratio of(BigInteger numerator, BigInteger denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("ratio with zero denominator");
        }
        BigInteger gcd = numerator.gcd(denominator);
        BigInteger n = numerator.divide(gcd);
        BigInteger d = denominator.divide(gcd);
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        return new Ratio(n, d);
    }

    /** The ratio {@code numerator/denominator}, normalized. */
    public static Ratio of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** The numerator, in lowest terms (carries the sign). */
    public BigInteger numerator() {
        return numerator;
    }

    /** The denominator, in lowest terms, always positive. */
    public BigInteger denominator() {
        return denominator;
    }

    /** Whether the denominator is 1, i.e. the value is an integer (Clojure never makes such a ratio). */
    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /** The value as a BigDecimal rounded to {@code mc}. */
    public BigDecimal toBigDecimal(MathContext mc) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), mc);
    }

    @Override
    public int intValue() {
        return (int) longValue();
    }

    @Override
    public long longValue() {
        return numerator.divide(denominator).longValue();
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
        return toBigDecimal(MathContext.DECIMAL64).doubleValue();
    }

    @Override
    public int compareTo(Ratio o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ratio r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    /** As Clojure prints it: {@code 1/3}. */
    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
