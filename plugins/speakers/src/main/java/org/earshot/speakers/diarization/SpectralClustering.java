package org.earshot.speakers.diarization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.earshot.speakers.embedding.Embedding;

/**
 * Spectral clustering of speaker embeddings with the number of speakers found by the <b>eigengap</b> (§21.4; Ng,
 * Jordan and Weiss 2001; for diarization Wang et al. 2018 and Park et al. 2019):
 * <ol>
 *   <li>affinity {@code A_ij = max(0, cos(e_i, e_j))}; optionally <b>pruned</b>: in each row only the
 *       {@code ⌈p·n⌉} largest entries are kept, then {@code A ← (A + Aᵀ)/2} (weak links between speakers cut);</li>
 *   <li>the normalised Laplacian {@code L = I − D^{−1/2} A D^{−1/2}}, {@code D} the degrees (the diagonal of A is
 *       left out, as {@code scipy.sparse.csgraph.laplacian} does);</li>
 *   <li>its eigenvalues {@code 0 ≈ λ₁ ≤ λ₂ ≤ …}: k well-separated speakers give k eigenvalues near 0 and a jump
 *       after them, so {@code k = argmax_{1 ≤ k ≤ K} (λ_{k+1} − λ_k)} (K = {@link Builder#maxSpeakers});</li>
 *   <li>the k eigenvectors of the smallest eigenvalues, each divided by {@code √D}, assigned to clusters by
 *       scikit-learn's {@code cluster_qr} (Damle, Minden and Ying 2019): QR with column pivoting of the rows picks k
 *       representative windows, an SVD aligns the basis with them, and each window goes to the largest |component|.
 *       Deterministic: no k-means, no random start.</li>
 * </ol>
 * The labels equal {@code sklearn.cluster.SpectralClustering(n_clusters=k, affinity='precomputed',
 * assign_labels='cluster_qr')} on the same affinity, and the eigenvalues SciPy's
 * ({@code SpectralClusteringParityTest}).
 */
public final class SpectralClustering implements SpeakerClusterer {

    private final int maxSpeakers;
    private final double keep;
    private final int clusters;

    private SpectralClustering(Builder b) {
        this.maxSpeakers = b.maxSpeakers;
        this.keep = b.keep;
        this.clusters = b.clusters;
    }

    /** @return a builder: the count found by the eigengap up to 8, no pruning */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param embeddings n ≥ 2 embeddings of one dimension
     * @return {@code [n][n]} the (pruned, symmetric) affinity
     */
    public double[][] affinity(List<Embedding> embeddings) {
        int n = embeddings.size();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = Math.max(0, embeddings.get(i).cosine(embeddings.get(j)));
            }
        }
        if (keep < 1) {
            int kept = (int) Math.ceil(keep * n);
            for (double[] row : a) {
                double[] sorted = row.clone();
                Arrays.sort(sorted);
                double cut = sorted[n - kept]; // the kept-th largest
                int left = kept;
                for (int j = 0; j < n; j++) { // ties: keep the first ones, so exactly `kept` stay
                    if (row[j] > cut) {
                        left--;
                    }
                }
                for (int j = 0; j < n; j++) {
                    if (row[j] < cut || row[j] == cut && left-- <= 0) {
                        row[j] = 0;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double m = (a[i][j] + a[j][i]) / 2;
                    a[i][j] = m;
                    a[j][i] = m;
                }
            }
        }
        return a;
    }

    /** The Laplacian's spectrum and what the clustering made of it. */
    private record Spectrum(double[] eigenvalues, double[][] vectors, double[] sqrtDegree) {
    }

    private static Spectrum spectrum(double[][] a) {
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i] += i == j ? 0 : a[i][j];
            }
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = d[i] > 0 ? Math.sqrt(d[i]) : 1;
        }
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i][j] = i == j ? (d[i] > 0 ? 1 : 0) : -a[i][j] / (s[i] * s[j]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(l, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] sorted = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            sorted[i] = values[order[i]];
            vectors[i] = eig.getEigenvector(order[i]).toArray();
        }
        return new Spectrum(sorted, vectors, s);
    }

    /**
     * @param embeddings n ≥ 2 embeddings
     * @return the normalised Laplacian's eigenvalues of their affinity, ascending (the eigengap plot)
     */
    public double[] eigenvalues(List<Embedding> embeddings) {
        requireTwo(embeddings);
        return spectrum(affinity(embeddings)).eigenvalues();
    }

    /**
     * @param eigenvalues ascending
     * @param max         the most clusters allowed (≥ 1)
     * @return {@code argmax_{1 ≤ k ≤ max} (λ_{k+1} − λ_k)}, ties to the smaller k
     */
    public static int eigengap(double[] eigenvalues, int max) {
        int best = 1;
        double gap = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= Math.min(max, eigenvalues.length - 1); k++) {
            double g = eigenvalues[k] - eigenvalues[k - 1];
            if (g > gap) {
                gap = g;
                best = k;
            }
        }
        return best;
    }

    @Override
    public Clustering fit(List<Embedding> embeddings) {
        requireTwo(embeddings);
        int n = embeddings.size();
        if (clusters > n) {
            throw new IllegalArgumentException(clusters + " clusters asked of " + n + " vectors");
        }
        Spectrum sp = spectrum(affinity(embeddings));
        int k = clusters > 0 ? clusters : eigengap(sp.eigenvalues(), maxSpeakers);
        double[][] v = new double[n][k]; // rows: windows; columns: the k eigenvectors, each over √D
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                v[i][c] = sp.vectors()[c][i] / sp.sqrtDegree()[i];
            }
        }
        return new Clustering(clusterQr(v), List.of());
    }

    /** scikit-learn's {@code cluster_qr}: labels from the rows of an n × k spectral embedding. */
    static int[] clusterQr(double[][] vectors) {
        int n = vectors.length;
        int k = vectors[0].length;
        RealMatrix v = new Array2DRowRealMatrix(vectors, false);
        int[] piv = pivots(vectors, k);
        double[][] chosen = new double[k][];
        for (int j = 0; j < k; j++) {
            chosen[j] = vectors[piv[j]];
        }
        // SVD of chosen ᵀ (k × k): ut · vh aligns the basis with the chosen rows
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(chosen, false)
                .transpose());
        RealMatrix rotation = svd.getU().multiply(svd.getVT());
        RealMatrix aligned = v.multiply(rotation);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double x = Math.abs(aligned.getEntry(i, c));
                if (x > best) {
                    best = x;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /**
     * The first k pivots of a QR decomposition with column pivoting of {@code vectorsᵀ} (LAPACK's {@code geqp3}, as
     * {@code scipy.linalg.qr(pivoting=True)} calls it): each step takes the row of {@code vectors} whose part
     * orthogonal to the rows taken before is longest (the first such on a tie). Written here because commons-math's
     * {@code RRQRDecomposition} measures each column's whole norm, not the part left, and so pivots otherwise.
     */
    static int[] pivots(double[][] vectors, int k) {
        int n = vectors.length;
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = vectors[i].clone();
        }
        boolean[] taken = new boolean[n];
        int[] piv = new int[k];
        for (int step = 0; step < k; step++) {
            int best = -1;
            double bestNorm = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    double norm = dot(r[i], r[i]);
                    if (norm > bestNorm) {
                        bestNorm = norm;
                        best = i;
                    }
                }
            }
            taken[best] = true;
            piv[step] = best;
            double length = Math.sqrt(bestNorm);
            if (length == 0) {
                continue;
            }
            double[] q = r[best].clone();
            for (int c = 0; c < q.length; c++) {
                q[c] /= length;
            }
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    double proj = dot(q, r[i]);
                    for (int c = 0; c < q.length; c++) {
                        r[i][c] -= proj * q[c];
                    }
                }
            }
        }
        return piv;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void requireTwo(List<Embedding> embeddings) {
        if (embeddings.size() < 2) {
            throw new IllegalArgumentException("spectral clustering needs at least 2 vectors, got " + embeddings.size());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SpectralClustering[%s, %s]", clusters > 0 ? clusters + " clusters"
                : "count by eigengap ≤ " + maxSpeakers, keep < 1 ? "rows pruned to " + keep : "no pruning");
    }

    /** Builds a {@link SpectralClustering}; every field is named. */
    public static final class Builder {
        private int maxSpeakers = 8;
        private double keep = 1;
        private int clusters;

        private Builder() {
        }

        /** @param max the most speakers the eigengap may find (≥ 1; default 8) */
        public Builder maxSpeakers(int max) {
            this.maxSpeakers = max;
            return this;
        }

        /** @param fraction p: the share of each affinity row kept (0 &lt; p ≤ 1; default 1, no pruning) */
        public Builder pruneTo(double fraction) {
            this.keep = fraction;
            return this;
        }

        /** @param k assume exactly k speakers (the eigengap unused) */
        public Builder clusters(int k) {
            this.clusters = k;
            return this;
        }

        /** @return the clustering */
        public SpectralClustering build() {
            if (maxSpeakers < 1) {
                throw new IllegalArgumentException("max speakers " + maxSpeakers + ": at least 1");
            }
            if (!(keep > 0 && keep <= 1)) {
                throw new IllegalArgumentException("prune fraction " + keep + ": must lie in (0, 1]");
            }
            if (clusters < 0) {
                throw new IllegalArgumentException("clusters " + clusters + ": at least 1 (or 0 for the eigengap)");
            }
            return new SpectralClustering(this);
        }
    }
}
