package org.earshot.audio;

/** Checks and copies of the {@code double[][]} matrices that the kit's values hold. */
public final class Matrices {

    private Matrices() {
    }

    /**
     * @param values a matrix
     * @return a deep copy (row by row)
     */
    public static double[][] copy(double[][] values) {
        double[][] c = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            c[i] = values[i].clone();
        }
        return c;
    }

    /**
     * @param values a matrix
     * @param rows   what a row is, for the message (e.g. {@code "bin"})
     * @return {@code values}, once checked to have at least one row and one column, all rows of one length
     * @throws IllegalArgumentException otherwise, naming the first bad row
     */
    public static double[][] requireRectangular(double[][] values, String rows) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("need at least one " + rows + " and one column");
        }
        for (int i = 1; i < values.length; i++) {
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException(rows + " " + i + " has " + values[i].length + " columns, " + rows
                        + " 0 has " + values[0].length);
            }
        }
        return values;
    }
}
