package org.earshot.speakers.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Linear discriminant analysis of speaker embeddings (§21.4; Fisher 1936, as x-vector back ends use it, Snyder et al.
 * 2018): a projection, learned from the training speakers, that keeps the directions in which voices differ and
 * drops those in which one voice's clips differ (the words said, the channel). With the training clips' embeddings
 * x, their speakers' means μ_c and the overall mean μ,
 * <pre>
 *   S_w = (1/N) Σ_c Σ_{x ∈ c} (x − μ_c)(x − μ_c)ᵀ          within-speaker scatter
 *   S_b = (1/N) Σ_c n_c (μ_c − μ)(μ_c − μ)ᵀ                between-speaker scatter
 *   S_b v = λ S_w v                                         the generalised eigenproblem; λ = between / within
 * </pre>
 * and the k eigenvectors of the largest λ, each scaled so that {@code vᵀ S_w v = 1} (as LAPACK's {@code sygvd} and
 * SciPy's {@code eigh(S_b, S_w)} return them), are the new axes: {@code y = Vᵀ (x − μ)}, unit-normed again so that
 * cosine scoring applies. Solved by Cholesky: {@code S_w = L Lᵀ}, the symmetric eigenproblem of
 * {@code L⁻¹ S_b L⁻ᵀ}, and {@code v = L⁻ᵀ u}. A small ridge ({@code 1e-6 · trace(S_w)/d}) keeps S_w invertible.
 *
 * <p>At most (speakers − 1) directions carry between-speaker variance. Immutable.
 */
public final class SpeakerLda {

    private final double[] mean;
    private final double[][] axes; // [k][d]
    private final double[] ratios; // λ of each axis

    private SpeakerLda(double[] mean, double[][] axes, double[] ratios) {
        this.mean = mean;
        this.axes = axes;
        this.ratios = ratios;
    }

    /**
     * @param embeddings the training clips' embeddings, all of one dimension d
     * @param speakers   who spoke each clip (same length)
     * @param dimensions k, the axes kept: 1 ≤ k ≤ min(d, speakers − 1)
     * @return the projection
     */
    public static SpeakerLda fit(List<Embedding> embeddings, List<String> speakers, int dimensions) {
        if (embeddings.size() != speakers.size() || embeddings.isEmpty()) {
            throw new IllegalArgumentException(embeddings.size() + " embeddings and " + speakers.size()
                    + " speakers: LDA needs one speaker per embedding, and at least one");
        }
        int n = embeddings.size();
        int d = embeddings.get(0).dimension();
        Map<String, List<double[]>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double[] x = embeddings.get(i).values();
            if (x.length != d) {
                throw new IllegalArgumentException("embeddings of " + x.length + " and " + d + " dimensions");
            }
            byClass.computeIfAbsent(speakers.get(i), s -> new ArrayList<>()).add(x);
        }
        if (dimensions < 1 || dimensions > Math.min(d, byClass.size() - 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "LDA to %d dimensions from %d speakers of"
                    + " %d-dimensional embeddings: want 1 ≤ k ≤ min(d, speakers − 1)", dimensions, byClass.size(), d));
        }
        double[] mu = new double[d];
        for (List<double[]> clips : byClass.values()) {
            for (double[] x : clips) {
                for (int j = 0; j < d; j++) {
                    mu[j] += x[j] / n;
                }
            }
        }
        double[][] sw = new double[d][d];
        double[][] sb = new double[d][d];
        for (List<double[]> clips : byClass.values()) {
            double[] mc = new double[d];
            for (double[] x : clips) {
                for (int j = 0; j < d; j++) {
                    mc[j] += x[j] / clips.size();
                }
            }
            for (double[] x : clips) {
                addOuter(sw, x, mc, 1.0 / n);
            }
            addOuter(sb, mc, mu, (double) clips.size() / n, mc, mu);
        }
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += sw[j][j];
        }
        for (int j = 0; j < d; j++) {
            sw[j][j] += 1e-6 * trace / d;
        }
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(sw, false), 1e-12, 1e-14).getL();
        RealMatrix lInv = MatrixUtils.inverse(l);
        RealMatrix m = lInv.multiply(new Array2DRowRealMatrix(sb, false)).multiply(lInv.transpose());
        m = m.add(m.transpose()).scalarMultiply(0.5); // exactly symmetric
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        RealMatrix lInvT = lInv.transpose();
        double[][] axes = new double[dimensions][];
        double[] ratios = new double[dimensions];
        for (int k = 0; k < dimensions; k++) {
            axes[k] = lInvT.operate(eig.getEigenvector(order[k])).toArray();
            ratios[k] = values[order[k]];
        }
        return new SpeakerLda(mu, axes, ratios);
    }

    /** {@code s += w (a − ma)(b − mb)ᵀ} */
    private static void addOuter(double[][] s, double[] a, double[] ma, double w, double[] b, double[] mb) {
        int d = a.length;
        double[] da = new double[d];
        double[] db = new double[d];
        for (int j = 0; j < d; j++) {
            da[j] = a[j] - ma[j];
            db[j] = b[j] - mb[j];
        }
        for (int i = 0; i < d; i++) {
            double wi = w * da[i];
            for (int j = 0; j < d; j++) {
                s[i][j] += wi * db[j];
            }
        }
    }

    private static void addOuter(double[][] s, double[] x, double[] m, double w) {
        addOuter(s, x, m, w, x, m);
    }

    /**
     * @param e an embedding of the training embeddings' dimension
     * @return {@code Vᵀ (e − μ)}, unit-normed
     */
    public Embedding project(Embedding e) {
        double[] x = e.values();
        if (x.length != mean.length) {
            throw new IllegalArgumentException("an embedding of " + x.length + " dimensions through an LDA fitted on "
                    + mean.length + ": use the embedding model the LDA was fitted on");
        }
        double[] y = new double[axes.length];
        for (int k = 0; k < axes.length; k++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += axes[k][j] * (x[j] - mean[j]);
            }
            y[k] = s;
        }
        return Embedding.of(y);
    }

    /**
     * @param k how many of the leading axes to keep, 1 ≤ k ≤ {@link #dimensions()}
     * @return this projection with only its k largest-ratio axes: what {@link #fit} gives for k (the same axes)
     */
    public SpeakerLda leading(int k) {
        if (k < 1 || k > axes.length) {
            throw new IllegalArgumentException("the leading " + k + " of " + axes.length + " axes: want 1 ≤ k ≤ "
                    + axes.length);
        }
        return new SpeakerLda(mean, java.util.Arrays.copyOf(axes, k), java.util.Arrays.copyOf(ratios, k));
    }

    /** @return k, the dimensions kept */
    public int dimensions() {
        return axes.length;
    }

    /** @return each kept axis' ratio λ of between- to within-speaker variance, largest first */
    public double[] ratios() {
        return ratios.clone();
    }

    /** @return the kept axes {@code [k][d]} (scaled so that {@code vᵀ S_w v = 1}; a copy) */
    public double[][] axes() {
        double[][] copy = new double[axes.length][];
        for (int k = 0; k < axes.length; k++) {
            copy[k] = axes[k].clone();
        }
        return copy;
    }

    /** @return the training embeddings' mean μ (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SpeakerLda[%d → %d dimensions, largest ratio %.2f]", mean.length,
                axes.length, ratios.length > 0 ? ratios[0] : 0);
    }
}
