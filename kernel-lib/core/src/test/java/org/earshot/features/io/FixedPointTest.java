package org.earshot.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

/** {@link FixedPoint} against {@code String.format(Locale.ROOT, "%.6f", v)}: edge cases, then seeded random values. */
class FixedPointTest {

    private static String reference(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Formats at a non-zero offset into a dirty buffer, so stray writes before or after the text would show. */
    private static String ours(double v) {
        byte[] buf = new byte[FixedPoint.MAX_LENGTH + 8];
        java.util.Arrays.fill(buf, (byte) '#');
        int end = FixedPoint.format(v, buf, 3);
        assertEquals('#', buf[2], "byte before the text");
        if (end < buf.length) {
            assertEquals('#', buf[end], "byte after the text");
        }
        return new String(buf, 3, end - 3, StandardCharsets.US_ASCII);
    }

    private static void same(double v) {
        assertEquals(reference(v), ours(v), () -> "v = " + v + " (" + Double.doubleToRawLongBits(v) + ")");
    }

    @Test
    void theJavadocsExamples() {
        // Formatter rounds the digits of Double.toString half-up, not the exact binary value:
        assertEquals("0.000001", FixedPoint.toString(5e-7)); // exactly 4.99999999999999977e-7
        assertEquals("0.123457", FixedPoint.toString(0.1234565)); // exactly 0.1234564999999999968
        assertEquals("0.007813", FixedPoint.toString(0.0078125)); // 1/128: a true tie, half-up
        assertEquals("-3.141593", FixedPoint.toString(-3.14159265));
    }

    @Test
    void signsAndZeros() {
        assertEquals("0.000000", FixedPoint.toString(0.0));
        assertEquals("-0.000000", FixedPoint.toString(-0.0));
        assertEquals("-0.000000", FixedPoint.toString(-1e-9)); // rounds to zero, keeps its sign, as Formatter does
        assertEquals("-0.000000", FixedPoint.toString(-4.9e-7));
        assertEquals("-0.000001", FixedPoint.toString(-5e-7));
        assertEquals("0.000000", FixedPoint.toString(Double.MIN_VALUE));
        assertEquals("-0.000000", FixedPoint.toString(-Double.MIN_VALUE));
    }

    @Test
    void nonFiniteValuesPrintAsFormatterPrintsThem() {
        assertEquals("NaN", FixedPoint.toString(Double.NaN));
        assertEquals("Infinity", FixedPoint.toString(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", FixedPoint.toString(Double.NEGATIVE_INFINITY));
    }

    /** Ties, near-ties, the fast path's bound, huge, subnormal, and values whose shortest digits are long. */
    private static final double[] EDGE_CASES = {0.0000005, 0.0000015, 0.0000025, 1e-7, 1.0000005, 2.0000005,
            1.9999995, 0.9999995, 0.99999949999, 9.5, 0.5, 4.35, 100.0, -100.0, 123456789.0000005, 1e9 + 5e-7, 0x1p33, -0x1p33,
            Math.nextDown(0x1p33), 1e15, 1e16, 1e17, 1e22, 1e23, 1e300, -1e300, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), 4.9e-324, 2.2250738585072014E-308,
            Long.MAX_VALUE, 9007199254740993.0, 0.1, 0.2, 0.3, 1.0 / 3, -2.0 / 3, 0.0078125, 0.0234375};

    @Test
    void edgeCasesEqualStringFormat() {
        for (double v : EDGE_CASES) {
            same(v);
            same(-v);
            same(Math.nextUp(v));
            same(Math.nextDown(v));
        }
    }

    @Test
    void maxLengthIsTheLongestText() {
        assertEquals(FixedPoint.MAX_LENGTH, reference(-Double.MAX_VALUE).length());
        byte[] exact = new byte[FixedPoint.MAX_LENGTH];
        assertEquals(FixedPoint.MAX_LENGTH, FixedPoint.format(-Double.MAX_VALUE, exact, 0));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> FixedPoint.format(1.5, new byte[7], 0));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> FixedPoint.format(1e300, new byte[100], 0));
    }

    /** Values a few ulps either side of every kind of tie k/10⁶ + ½·10⁻⁶: where the fast path must hand over. */
    @Test
    void valuesNextToTiesEqualStringFormat() {
        SplittableRandom r = new SplittableRandom(2111);
        for (int i = 0; i < 20_000; i++) {
            double scale = Math.pow(10, r.nextInt(-1, 10));
            double tie = (Math.floor(r.nextDouble() * scale * 1e6) + 0.5) / 1e6;
            double v = tie;
            for (int step = 0; step < 12; step++) {
                same(v);
                same(-v);
                v = Math.nextUp(v);
            }
            v = tie;
            for (int step = 0; step < 12; step++) {
                v = Math.nextDown(v);
                same(v);
            }
        }
    }

    /**
     * Three million seeded values: feature-like magnitudes (dB, MFCCs), every decade from 1e-12 to 1e18, and raw
     * bit patterns (mostly huge or tiny, so mostly the fallback).
     */
    @Test
    void randomValuesEqualStringFormat() {
        SplittableRandom r = new SplittableRandom(21);
        check(1_000_000, () -> -150 + 300 * r.nextDouble());
        check(1_000_000, () -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 30 * r.nextDouble()));
        check(500_000, () -> (r.nextBoolean() ? 1 : -1) * r.nextInt(1_000_000) / 1e6); // values of six decimals
        check(500_000, () -> Double.longBitsToDouble(r.nextLong()));
    }

    private static void check(int n, DoubleSupplier values) {
        for (int i = 0; i < n; i++) {
            same(values.getAsDouble());
        }
    }

    /** The fallback is rare where features live: at most a few in a million for |v| ≤ 1000. */
    @Test
    void theFastPathCoversFeatureValues() {
        SplittableRandom r = new SplittableRandom(7);
        int slow = 0;
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            if (FixedPoint.scaledHalfUp(1000 * r.nextDouble()) < 0) {
                slow++;
            }
        }
        assertTrue(slow <= 5, slow + " of " + n + " values took the slow path");
        assertTrue(FixedPoint.scaledHalfUp(0x1p33) < 0, "2^33 and beyond go to String.format");
        assertTrue(FixedPoint.scaledHalfUp(Double.NaN) < 0);
        assertTrue(FixedPoint.scaledHalfUp(5e-7) < 0, "a tie goes to String.format");
    }
}
