package org.earshot.features.io;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.6f", v)}, byte for byte, written into a caller's {@code byte[]} without
 * allocating: the formatter behind the kit's CSV feature files (4.8 million values for ten minutes of log-mel).
 *
 * <h2>What {@code %.6f} prints (JDK 17)</h2>
 * {@link java.util.Formatter} does <em>not</em> round the exact binary value of {@code v}. It takes the decimal digits
 * that {@link Double#toString(double)} would print (the short decimal that reads back as {@code v}) and rounds
 * <em>those</em> half-up at the sixth decimal. The two readings differ only at ties:
 * <pre>
 *   v = 5.0E-7      exact binary value 4.99999999999999977…E-7   %.6f prints 0.000001 (the digits "5" round up)
 *   v = 0.1234565   exact binary value 0.12345649999999999680…  %.6f prints 0.123457
 *   v = 0.0078125   exactly 1/128, a true tie                    %.6f prints 0.007813 (half-up)
 * </pre>
 * The sign is always kept: {@code -0.0} and {@code -1e-9} print {@code -0.000000}. {@code NaN} and the infinities
 * print {@code NaN}, {@code Infinity}, {@code -Infinity} (the feature writers refuse them before formatting; see
 * {@link FeatureFormat}).
 *
 * <h2>The fast path, and why it is exact</h2>
 * For {@code |v| < 2^33} (about 8.6e9) let x = |v|·10⁶, computed exactly as {@code p + e} with one
 * {@link Math#fma fused multiply-add}, and let t = ⌊x⌋ + ½ be the nearest rounding tie. The short decimal s that
 * {@code Double.toString} picks reads back as {@code v}, so it lies within half an ulp of {@code v}: if x is
 * further than 2·10⁶·ulp(v) from t, s·10⁶ and x are on the same side of t, and rounding x half-up gives the digits
 * {@code %.6f} prints. That is every value except about one in 10⁷ for values near 100 (the fraction grows with
 * |v|). Those few, values of {@code 2^33} and more, {@code NaN} and the infinities go to {@code String.format}
 * itself, which allocates; the property test in {@code FixedPointTest} compares both paths with
 * {@code String.format} on millions of seeded random values and the edge cases above.
 *
 * <p>Example: {@code int end = FixedPoint.format(-3.14159265, buf, 0);} writes {@code -3.141593} into
 * {@code buf[0..end)}.
 *
 * @see java.util.Formatter the {@code 'f'} conversion
 */
public final class FixedPoint {

    /** Digits after the decimal point: {@value}. */
    public static final int DECIMALS = 6;

    /**
     * The longest text {@link #format(double, byte[], int)} writes: {@value}, for {@code -Double.MAX_VALUE}
     * (a sign, 309 integer digits, the point and six decimals). A buffer with this much room never overflows.
     */
    public static final int MAX_LENGTH = 317;

    /** The fast path's bound on |v|: below it, |v|·10⁶ < 2^53 and every step of the fast path is exact. */
    static final double FAST_LIMIT = 0x1p33;

    private static final double SCALE = 1e6;
    private static final long SCALE_LONG = 1_000_000L;

    private FixedPoint() {
    }

    /**
     * Writes {@code String.format(Locale.ROOT, "%.6f", v)} as ASCII bytes.
     *
     * @param v      the value
     * @param out    the buffer; it needs {@link #MAX_LENGTH} bytes of room from {@code offset} (at most 18 on the
     *               fast path, i.e. for |v| &lt; 2^33)
     * @param offset where to start writing in {@code out}
     * @return the index just past the last byte written
     * @throws ArrayIndexOutOfBoundsException when {@code out} has too little room; bytes before its end may have
     *                                        been written
     */
    public static int format(double v, byte[] out, int offset) {
        long scaled = scaledHalfUp(Math.abs(v));
        if (scaled >= 0) {
            return writeScaled(Double.doubleToRawLongBits(v) < 0, scaled, out, offset);
        }
        return writeString(String.format(Locale.ROOT, "%.6f", v), out, offset);
    }

    /**
     * @param v the value
     * @return {@code String.format(Locale.ROOT, "%.6f", v)}, by way of {@link #format(double, byte[], int)}
     */
    public static String toString(double v) {
        byte[] buf = new byte[MAX_LENGTH];
        int end = format(v, buf, 0);
        return new String(buf, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The fast path.
     *
     * @param a |v|
     * @return round-half-up(a·10⁶) when that is provably what {@code %.6f} prints; −1 when {@code String.format}
     *         must decide (a within 2·10⁶·ulp(a) of a tie, a ≥ 2^33, NaN, infinite)
     */
    static long scaledHalfUp(double a) {
        if (!(a < FAST_LIMIT)) { // also NaN
            return -1;
        }
        double p = a * SCALE;
        double e = Math.fma(a, SCALE, -p); // a·10⁶ = p + e exactly
        double floor = Math.floor(p);
        double d = (p - floor - 0.5) + e; // a·10⁶ − (⌊p⌋ + ½): p − ⌊p⌋ − ½ is exact wherever d is near 0
        if (Math.abs(d) <= 2 * SCALE * Math.ulp(a)) {
            return -1;
        }
        return (long) floor + (d > 0 ? 1 : 0);
    }

    /** Writes {@code [-]scaled/10⁶} with exactly six decimals and at least one integer digit. */
    private static int writeScaled(boolean negative, long scaled, byte[] out, int offset) {
        long integer = scaled / SCALE_LONG;
        int integerDigits = 1;
        for (long rest = integer / 10; rest != 0; rest /= 10) {
            integerDigits++;
        }
        int end = offset + (negative ? 1 : 0) + integerDigits + 1 + DECIMALS;
        int i = end;
        long fraction = scaled - integer * SCALE_LONG;
        for (int k = 0; k < DECIMALS; k++) {
            long q = fraction / 10;
            out[--i] = (byte) ('0' + (fraction - q * 10));
            fraction = q;
        }
        out[--i] = '.';
        do {
            long q = integer / 10;
            out[--i] = (byte) ('0' + (integer - q * 10));
            integer = q;
        } while (integer != 0);
        if (negative) {
            out[--i] = '-';
        }
        return end;
    }

    private static int writeString(String s, byte[] out, int offset) {
        int n = s.length();
        if (offset + n > out.length) {
            throw new ArrayIndexOutOfBoundsException("need " + n + " bytes from " + offset + ", the buffer has "
                    + (out.length - offset));
        }
        for (int i = 0; i < n; i++) {
            out[offset + i] = (byte) s.charAt(i);
        }
        return offset + n;
    }
}
