package org.earshot.metrics;

/**
 * The optimal one-to-one assignment of rows to columns (the assignment problem): which hypothesis speaker is which
 * reference speaker in {@link DiarizationError}, which separated source is which in permutation-invariant scoring.
 *
 * <pre>maximise Σᵢ w[i][σ(i)]   over one-to-one σ: rows → columns</pre>
 * With more rows than columns some rows stay unassigned (and vice versa).
 *
 * <p>{@link #maximumWeight} is the Hungarian algorithm (Kuhn 1955, Munkres 1957) with row and column potentials,
 * O(k³) for k = max(rows, columns), as NIST md-eval's {@code weighted_bipartite_graph_match};
 * {@link #maximumWeightBruteForce} tries every assignment, for checking it on small cases.
 */
public final class Assignment {

    /** The most rows or columns {@link #maximumWeightBruteForce} accepts (8! = 40 320 permutations). */
    public static final int BRUTE_FORCE_LIMIT = 8;

    private Assignment() {
    }

    /**
     * @param weight {@code [rows][columns]}, rectangular, finite
     * @return {@code [rows]}: the column assigned to each row, or −1 when the row is left over (only when rows &gt;
     *         columns)
     * @throws IllegalArgumentException for ragged or non-finite weights
     */
    public static int[] maximumWeight(double[][] weight) {
        int rows = weight.length;
        int columns = check(weight);
        int k = Math.max(rows, columns);
        if (k == 0) {
            return new int[0];
        }
        double max = 0;
        for (double[] row : weight) {
            for (double w : row) {
                max = Math.max(max, w);
            }
        }
        // minimise cost = max − w on a k×k matrix padded with zero weights, 1-based as the classic formulation
        double[] u = new double[k + 1];
        double[] v = new double[k + 1];
        int[] rowOfColumn = new int[k + 1];
        int[] way = new int[k + 1];
        for (int i = 1; i <= k; i++) {
            rowOfColumn[0] = i;
            int j0 = 0;
            double[] minv = new double[k + 1];
            boolean[] used = new boolean[k + 1];
            java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
            do {
                used[j0] = true;
                int i0 = rowOfColumn[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= k; j++) {
                    if (!used[j]) {
                        double cost = max - (i0 <= rows && j <= columns ? weight[i0 - 1][j - 1] : 0) - u[i0] - v[j];
                        if (cost < minv[j]) {
                            minv[j] = cost;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= k; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfColumn[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] columnOfRow = new int[rows];
        java.util.Arrays.fill(columnOfRow, -1);
        for (int j = 1; j <= columns; j++) {
            if (rowOfColumn[j] >= 1 && rowOfColumn[j] <= rows) {
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return columnOfRow;
    }

    /**
     * Every one-to-one assignment tried, for tests; ties go to the first found (rows in order, columns increasing).
     *
     * @param weight {@code [rows][columns]}, at most {@value #BRUTE_FORCE_LIMIT} of each
     * @return as {@link #maximumWeight}
     */
    public static int[] maximumWeightBruteForce(double[][] weight) {
        int rows = weight.length;
        int columns = check(weight);
        if (rows > BRUTE_FORCE_LIMIT || columns > BRUTE_FORCE_LIMIT) {
            throw new IllegalArgumentException(rows + "×" + columns + " is too large for brute force (at most "
                    + BRUTE_FORCE_LIMIT + "×" + BRUTE_FORCE_LIMIT + ")");
        }
        int[] best = new int[rows];
        java.util.Arrays.fill(best, -1);
        double[] bestTotal = {Double.NEGATIVE_INFINITY};
        search(weight, columns, 0, new int[rows], new boolean[columns], 0, best, bestTotal);
        return best;
    }

    private static void search(double[][] w, int columns, int row, int[] current, boolean[] taken, double total,
                               int[] best, double[] bestTotal) {
        if (row == w.length) {
            if (total > bestTotal[0]) {
                bestTotal[0] = total;
                System.arraycopy(current, 0, best, 0, current.length);
            }
            return;
        }
        int free = 0;
        for (boolean t : taken) {
            free += t ? 0 : 1;
        }
        for (int j = 0; j < columns; j++) {
            if (!taken[j]) {
                taken[j] = true;
                current[row] = j;
                search(w, columns, row + 1, current, taken, total + w[row][j], best, bestTotal);
                taken[j] = false;
            }
        }
        if (w.length - row > free) { // more rows left than free columns: this row may stay unassigned
            current[row] = -1;
            search(w, columns, row + 1, current, taken, total, best, bestTotal);
        }
    }

    /**
     * @param weight      {@code [rows][columns]}
     * @param assignment  a column per row, −1 for none
     * @return Σ w[i][assignment[i]] over assigned rows
     */
    public static double total(double[][] weight, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                sum += weight[i][assignment[i]];
            }
        }
        return sum;
    }

    private static int check(double[][] weight) {
        int columns = weight.length == 0 ? 0 : weight[0].length;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i].length != columns) {
                throw new IllegalArgumentException("weight row " + i + " has " + weight[i].length + " columns, row 0 has "
                        + columns + ": the matrix must be rectangular");
            }
            for (double w : weight[i]) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("weight row " + i + " holds " + w + ": weights must be finite");
                }
            }
        }
        return columns;
    }
}
