package org.earshot.exercises;

import java.util.Arrays;
import java.util.Locale;

/** Comparisons for test cases: each throws {@link CaseFailure} with expected, got and a hint. */
public final class Expect {

    private Expect() {
    }

    public static void equal(long expected, long got, String hint) throws CaseFailure {
        if (expected != got) {
            throw new CaseFailure(Long.toString(expected), Long.toString(got), hint);
        }
    }

    /** Texts, shown quoted. */
    public static void equalText(String expected, String got, String hint) throws CaseFailure {
        if (!expected.equals(got)) {
            throw new CaseFailure("\"" + expected + "\"", got == null ? "null" : "\"" + got + "\"", hint);
        }
    }

    /** Integer sequences (e.g. a state path). */
    public static void equal(int[] expected, int[] got, String hint) throws CaseFailure {
        if (!Arrays.equals(expected, got)) {
            throw new CaseFailure(Arrays.toString(expected), Arrays.toString(got), hint);
        }
    }

    /** Passes when {@code |expected − got| ≤ tolerance}. */
    public static void close(double expected, double got, double tolerance, String hint) throws CaseFailure {
        if (!(Math.abs(expected - got) <= tolerance)) {
            throw new CaseFailure(format(expected) + " (± " + format(tolerance) + ")", format(got), hint);
        }
    }

    /** Element by element; the first difference is reported with its index. */
    public static void close(double[] expected, double[] got, double tolerance, String hint) throws CaseFailure {
        if (got == null || got.length != expected.length) {
            throw new CaseFailure(expected.length + " values", got == null ? "null" : got.length + " values", hint);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - got[i]) <= tolerance)) {
                throw new CaseFailure("[" + i + "] = " + format(expected[i]) + " (± " + format(tolerance) + ")",
                        "[" + i + "] = " + format(got[i]), hint);
            }
        }
    }

    /** Row by row, as {@link #close(double[], double[], double, String)}. */
    public static void close(double[][] expected, double[][] got, double tolerance, String hint) throws CaseFailure {
        if (got == null || got.length != expected.length) {
            throw new CaseFailure(expected.length + " rows", got == null ? "null" : got.length + " rows", hint);
        }
        for (int r = 0; r < expected.length; r++) {
            try {
                close(expected[r], got[r], tolerance, hint);
            } catch (CaseFailure f) {
                throw new CaseFailure("row " + r + " " + f.expected(), "row " + r + " " + f.got(), hint);
            }
        }
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        // six significant digits, without trailing zeros: 1.5, 0.000001, 283.196
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
    }

    static String format(double[] v) {
        return Arrays.toString(v);
    }
}
