package org.earshot.speakers.embedding;

import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Embeddings drawn in two dimensions (§21.4): principal component analysis, as scikit-learn's {@code PCA}: centre the
 * vectors (subtract their mean), take the singular value decomposition {@code X − x̄ = U S Vᵀ}, and project onto the
 * first rows of {@code Vᵀ}, the directions of most variance: {@code Z = (X − x̄) V_k}. Each axis' sign is fixed as
 * scikit-learn fixes it ({@code svd_flip}): the largest-magnitude entry of each column of {@code U} is positive.
 *
 * @param points         {@code [n][k]} each embedding's coordinates on the components
 * @param explainedRatio the share of the total variance each component carries
 */
public record EmbeddingPca(double[][] points, double[] explainedRatio) {

    /**
     * @param embeddings at least {@code components + 1} embeddings of one dimension
     * @param components k, how many axes (1 ≤ k ≤ the dimension)
     * @return the projection
     */
    public static EmbeddingPca of(List<Embedding> embeddings, int components) {
        int n = embeddings.size();
        if (n < 2 || components < 1 || components > embeddings.get(0).dimension() || components >= n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "PCA to %d components of %d embeddings: need 1 ≤ k < n and k ≤ the dimension", components, n));
        }
        int d = embeddings.get(0).dimension();
        double[][] x = new double[n][];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            x[i] = embeddings.get(i).values();
            if (x[i].length != d) {
                throw new IllegalArgumentException("embeddings of " + x[i].length + " and " + d + " dimensions");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += x[i][j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] -= mean[j];
            }
        }
        RealMatrix centred = new Array2DRowRealMatrix(x, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(centred);
        RealMatrix u = svd.getU();
        double[] s = svd.getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        double[][] points = new double[n][components];
        double[] ratio = new double[components];
        for (int c = 0; c < components; c++) {
            int largest = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(u.getEntry(i, c)) > Math.abs(u.getEntry(largest, c))) {
                    largest = i;
                }
            }
            double sign = Math.signum(u.getEntry(largest, c));
            for (int i = 0; i < n; i++) {
                points[i][c] = sign * u.getEntry(i, c) * s[c]; // U S = (X − x̄) V
            }
            ratio[c] = total > 0 ? s[c] * s[c] / total : 0;
        }
        return new EmbeddingPca(points, ratio);
    }

    /** @return component {@code c}'s coordinate of every embedding */
    public double[] axis(int c) {
        double[] out = new double[points.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = points[i][c];
        }
        return out;
    }

    @Override
    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    @Override
    public double[] explainedRatio() {
        return explainedRatio.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EmbeddingPca[" + points.length + " points, variance explained");
        for (double r : explainedRatio) {
            sb.append(String.format(Locale.ROOT, " %.1f %%", 100 * r));
        }
        return sb.append(']').toString();
    }
}
