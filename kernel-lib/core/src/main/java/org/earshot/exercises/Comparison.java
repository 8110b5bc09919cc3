package org.earshot.exercises;

import java.util.List;

/**
 * How an exercise compares the student's answer with the reference. The two kinds every exercise so far needs:
 * {@link #exact()} (integers, texts, integer arrays, lists) and {@link #within(double)} (real numbers, vectors and
 * matrices, element by element with an absolute tolerance). The comparison is chosen by the reference value's type,
 * so a wrong type in the answer is reported as "expected a number, got text" rather than a cast error.
 */
@FunctionalInterface
public interface Comparison {

    /**
     * @param expected the reference answer
     * @param got      the student's answer (possibly after a trip through {@link AnswerCodec})
     * @param hint     shown when they differ
     * @throws CaseFailure when they differ
     */
    void judge(Object expected, Object got, String hint) throws CaseFailure;

    /** @return equality: integers by value (whatever their boxed width), texts, {@code int[]}, lists */
    static Comparison exact() {
        return (expected, got, hint) -> compare(expected, got, 0, hint);
    }

    /**
     * @param tolerance the largest absolute difference that passes, per element (≥ 0)
     * @return closeness for doubles, {@code double[]} and {@code double[][]}; exact for everything else
     */
    static Comparison within(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        }
        return (expected, got, hint) -> compare(expected, got, tolerance, hint);
    }

    private static void compare(Object expected, Object got, double tolerance, String hint) throws CaseFailure {
        if (got == null) {
            throw new CaseFailure(describe(expected), "null", hint);
        }
        if (expected instanceof Double || expected instanceof Float) {
            Expect.close(((Number) expected).doubleValue(), number(expected, got, hint).doubleValue(), tolerance, hint);
        } else if (expected instanceof Number e) {
            Expect.equal(e.longValue(), whole(expected, got, hint), hint);
        } else if (expected instanceof String e) {
            Expect.equalText(e, got instanceof String g ? g : wrongType("text", got, hint), hint);
        } else if (expected instanceof int[] e) {
            Expect.equal(e, got instanceof int[] g ? g : wrongType("an int[]", got, hint), hint);
        } else if (expected instanceof double[] e) {
            Expect.close(e, got instanceof double[] g ? g : wrongType("a double[]", got, hint), tolerance, hint);
        } else if (expected instanceof double[][] e) {
            Expect.close(e, got instanceof double[][] g ? g : wrongType("a double[][]", got, hint), tolerance, hint);
        } else if (expected instanceof Boolean || expected instanceof List<?>) {
            if (!expected.equals(got)) {
                throw new CaseFailure(String.valueOf(expected), String.valueOf(got), hint);
            }
        } else {
            throw new IllegalArgumentException("no comparison for a reference of type " + expected.getClass().getName());
        }
    }

    private static Number number(Object expected, Object got, String hint) throws CaseFailure {
        if (got instanceof Number n) {
            return n;
        }
        return wrongType("a number", got, hint);
    }

    private static long whole(Object expected, Object got, String hint) throws CaseFailure {
        Number n = number(expected, got, hint);
        if (n instanceof Double || n instanceof Float) {
            double v = n.doubleValue();
            if (v != Math.rint(v)) {
                throw new CaseFailure(String.valueOf(expected), Expect.format(v), hint);
            }
        }
        return n.longValue();
    }

    private static <T> T wrongType(String wanted, Object got, String hint) throws CaseFailure {
        throw new CaseFailure(wanted, "a " + got.getClass().getSimpleName() + " (" + got + ")", hint);
    }

    private static String describe(Object expected) {
        return expected instanceof double[][] m ? m.length + " rows" : expected instanceof double[] v
                ? v.length + " values" : String.valueOf(expected);
    }
}
