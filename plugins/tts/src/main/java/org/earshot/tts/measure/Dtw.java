package org.earshot.tts.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Dynamic time warping of two sequences of vectors, as SPTK's {@code dtw -p 2 -n 2} does it: the local cost is the
 * Euclidean distance of two frames, and the path moves right, diagonally or up with weights 1, 2, 1 (the symmetric
 * constraint, so every path of the same ends weighs the same total):
 *
 * <pre>  g(0, 0) = d(0, 0)
 *  g(i, j) = min{ g(i−1, j) + d(i, j),  g(i−1, j−1) + 2 d(i, j),  g(i, j−1) + d(i, j) }
 *  score   = g(T−1, R−1) / (T + R)</pre>
 *
 * <p>Ties go to the later of the three in that order (SPTK compares with ≥). The path is traced back from the
 * last pair until either sequence reaches its first frame, as SPTK's does.
 */
public final class Dtw {

    /** One pair of aligned frames. */
    public record Pair(int test, int reference) {
    }

    /** The alignment: its normalised score and its pairs, first to last. */
    public record Alignment(double score, List<Pair> path) {
        public Alignment {
            path = List.copyOf(path);
        }
    }

    /** The most cells it fills (T · R); longer pairs are refused, naming the limit. */
    public static final long MAX_CELLS = 50_000_000L;

    private Dtw() {
    }

    /**
     * @param test      {@code [frame][dim]}
     * @param reference {@code [frame][dim]}, the same dimension
     * @return the alignment
     */
    public static Alignment align(double[][] test, double[][] reference) {
        int tx = test.length;
        int ty = reference.length;
        if (tx == 0 || ty == 0) {
            throw new IllegalArgumentException("DTW needs frames on both sides (" + tx + ", " + ty + ")");
        }
        if ((long) tx * ty > MAX_CELLS) {
            throw new IllegalArgumentException(tx + " × " + ty + " frames: DTW fills at most " + MAX_CELLS
                    + " cells; compare shorter recordings");
        }
        double[][] g = new double[tx][ty];
        byte[][] back = new byte[tx][ty]; // 0 right (i−1, j), 1 diagonal, 2 up (i, j−1)
        g[0][0] = distance(test[0], reference[0]);
        for (int i = 1; i < tx; i++) {
            g[i][0] = g[i - 1][0] + distance(test[i], reference[0]);
            back[i][0] = 0;
        }
        for (int j = 1; j < ty; j++) {
            g[0][j] = g[0][j - 1] + distance(test[0], reference[j]);
            back[0][j] = 2;
        }
        for (int j = 1; j < ty; j++) {
            for (int i = 1; i < tx; i++) {
                double local = distance(test[i], reference[j]);
                double min = g[i - 1][j] + local;
                byte from = 0;
                double diagonal = g[i - 1][j - 1] + 2 * local;
                if (min >= diagonal) {
                    min = diagonal;
                    from = 1;
                }
                double up = g[i][j - 1] + local;
                if (min >= up) {
                    min = up;
                    from = 2;
                }
                g[i][j] = min;
                back[i][j] = from;
            }
        }
        List<Pair> reversed = new ArrayList<>();
        int i = tx - 1;
        int j = ty - 1;
        reversed.add(new Pair(i, j));
        while (i != 0 && j != 0) {
            byte from = back[i][j];
            if (from != 2) {
                i--;
            }
            if (from != 0) {
                j--;
            }
            reversed.add(new Pair(i, j));
        }
        List<Pair> path = new ArrayList<>(reversed.size());
        for (int k = reversed.size() - 1; k >= 0; k--) {
            path.add(reversed.get(k));
        }
        return new Alignment(g[tx - 1][ty - 1] / (tx + ty), path);
    }

    private static double distance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("frames of " + a.length + " and " + b.length + " values");
        }
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double e = a[d] - b[d];
            sum += e * e;
        }
        return Math.sqrt(sum);
    }
}
