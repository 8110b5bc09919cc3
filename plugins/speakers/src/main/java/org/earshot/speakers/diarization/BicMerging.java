package org.earshot.speakers.diarization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.earshot.audio.Matrices;

/**
 * Merging clusters by the Bayesian information criterion (§21.4; Chen &amp; Gopalakrishnan, "Speaker, environment and
 * channel change detection and clustering via the Bayesian information criterion", 1998): the number of speakers as
 * a model choice. Start from too many clusters; model each cluster's frames (MFCC, c₀ left out) by one full-covariance
 * Gaussian; two clusters are one speaker when one Gaussian explains their frames nearly as well as two, by less than
 * the extra parameters cost:
 * <pre>
 *   ΔBIC(i, j) = ½ N log|Σ| − ½ N_i log|Σ_i| − ½ N_j log|Σ_j| − λ P,     P = ½ (d + ½ d(d + 1)) log N
 * </pre>
 * with N = N_i + N_j frames, Σ the pooled frames' (maximum-likelihood) covariance, d the coefficients per frame and
 * λ the penalty's weight (1 in theory; tuned on dev meetings in practice). The pair of smallest ΔBIC is merged while
 * it is negative; the clusters left are the speakers. Unlike a distance threshold, the criterion weighs how much
 * speech each cluster holds: the likelihood term grows with N and the penalty only with log N, so two long clusters
 * of one speaker may be kept apart (a dominant speaker split in two) and a short cluster is merged more readily,
 * even into another voice (a speaker with a few seconds lost). Each covariance gets a floor of {@value #FLOOR} of
 * the coefficient's variance over the recording, so few or nearly equal frames still have one.
 *
 * <p>Immutable.
 */
public final class BicMerging {

    /** The variance floor's share of each coefficient's variance over the recording. */
    static final double FLOOR = 1e-6;

    private final double penalty;

    private BicMerging(double penalty) {
        this.penalty = penalty;
    }

    /**
     * @param lambda λ, the weight of the parameter penalty (&gt; 0; 1 is the criterion's own)
     * @return the merging
     */
    public static BicMerging withPenalty(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("BIC penalty weight λ = " + lambda + ": want a finite λ > 0");
        }
        return new BicMerging(lambda);
    }

    /** @return λ */
    public double penalty() {
        return penalty;
    }

    /** Sufficient statistics of one cluster's frames: count, sum, sum of outer products. */
    private static final class Stats {
        long n;
        final double[] sum;
        final double[][] outer;

        Stats(int d) {
            sum = new double[d];
            outer = new double[d][d];
        }

        void add(double[] x) {
            n++;
            for (int i = 0; i < x.length; i++) {
                sum[i] += x[i];
                for (int j = 0; j <= i; j++) {
                    outer[i][j] += x[i] * x[j];
                }
            }
        }

        Stats plus(Stats o) {
            Stats s = new Stats(sum.length);
            s.n = n + o.n;
            for (int i = 0; i < sum.length; i++) {
                s.sum[i] = sum[i] + o.sum[i];
                for (int j = 0; j <= i; j++) {
                    s.outer[i][j] = outer[i][j] + o.outer[i][j];
                }
            }
            return s;
        }

        /** @return the maximum-likelihood variance of each coefficient */
        double[] variances() {
            double[] v = new double[sum.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(0, outer[i][i] / n - (sum[i] / n) * (sum[i] / n));
            }
            return v;
        }

        /**
         * @param floor a variance added to each coefficient's (&gt; 0 each)
         * @return log|Σ + diag(floor)| of the maximum-likelihood covariance, 2 Σ log L_ii by Cholesky
         */
        double logDet(double[] floor) {
            int d = sum.length;
            double[][] c = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    c[i][j] = outer[i][j] / n - (sum[i] / n) * (sum[j] / n);
                    c[j][i] = c[i][j];
                }
                c[i][i] += floor[i];
            }
            RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(c, false), 1e-9, 0).getL();
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                logDet += 2 * Math.log(l.getEntry(i, i));
            }
            return logDet;
        }
    }

    /**
     * The variance floor: {@value #FLOOR} of each coefficient's variance over all the frames considered (1 for a
     * coefficient that never varies, which then cancels out of ΔBIC), so that a cluster of few or nearly equal frames
     * still has a covariance and ΔBIC does not change when every frame is scaled.
     */
    private static double[] floor(Stats all) {
        double[] v = all.variances();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? FLOOR * v[i] : 1;
        }
        return v;
    }

    /**
     * @param a one cluster's frames {@code [n_a][d]}
     * @param b another's {@code [n_b][d]}
     * @return ΔBIC(a, b) with this λ: negative when they are better one Gaussian
     */
    public double deltaBic(double[][] a, double[][] b) {
        Stats sa = stats(a, "the first cluster");
        Stats sb = stats(b, "the second cluster");
        if (sa.sum.length != sb.sum.length) {
            throw new IllegalArgumentException("frames of " + sa.sum.length + " and " + sb.sum.length
                    + " coefficients: ΔBIC compares clusters of one feature");
        }
        Stats ab = sa.plus(sb);
        return deltaBic(sa, sb, ab, floor(ab));
    }

    private double deltaBic(Stats a, Stats b, Stats ab, double[] floor) {
        int d = a.sum.length;
        double p = 0.5 * (d + 0.5 * d * (d + 1)) * Math.log(ab.n);
        return 0.5 * (ab.n * ab.logDet(floor) - a.n * a.logDet(floor) - b.n * b.logDet(floor)) - penalty * p;
    }

    private static Stats stats(double[][] frames, String what) {
        if (frames.length == 0) {
            throw new IllegalArgumentException(what + " has no frames: ΔBIC needs each cluster's frames");
        }
        Matrices.requireRectangular(frames, what + "'s frames");
        Stats s = new Stats(frames[0].length);
        for (int t = 0; t < frames.length; t++) {
            requireFinite(frames[t], t, what);
            s.add(frames[t]);
        }
        return s;
    }

    private static void requireFinite(double[] frame, int t, String what) {
        for (double v : frame) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + "'s frame " + t + " holds " + v + ": frames must be finite");
            }
        }
    }

    /**
     * @param frames      {@code [T][d]} the recording's feature frames
     * @param frameLabels {@code [T]} each frame's cluster (≥ 0), or −1 for a frame in no cluster (silence)
     * @return each cluster's new label after merging while the smallest ΔBIC is negative ({@code [clusters]}, indexed
     *         by the old label, numbered 0, 1, … in order of the old labels); a cluster of at most 2d frames has
     *         no trustworthy covariance and is first merged into the cluster whose ΔBIC with it is smallest, whatever
     *         its sign
     */
    public int[] merge(double[][] frames, int[] frameLabels) {
        if (frames.length != frameLabels.length) {
            throw new IllegalArgumentException(frames.length + " frames and " + frameLabels.length + " labels");
        }
        int clusters = Arrays.stream(frameLabels).max().orElse(-1) + 1;
        if (clusters == 0) {
            return new int[0];
        }
        Matrices.requireRectangular(frames, "frames");
        int d = frames[0].length;
        List<Stats> stats = new ArrayList<>();
        for (int k = 0; k < clusters; k++) {
            stats.add(new Stats(d));
        }
        Stats all = new Stats(d);
        for (int t = 0; t < frames.length; t++) {
            if (frameLabels[t] >= 0) {
                requireFinite(frames[t], t, "the recording");
                stats.get(frameLabels[t]).add(frames[t]);
                all.add(frames[t]);
            }
        }
        double[] floor = floor(all);
        int[] owner = new int[clusters]; // old label → the live cluster it is in
        for (int k = 0; k < clusters; k++) {
            owner[k] = k;
        }
        boolean[] live = new boolean[clusters];
        for (int k = 0; k < clusters; k++) {
            live[k] = stats.get(k).n > 0;
        }
        while (true) {
            int small = -1; // a live cluster too small for a covariance, the smallest first
            for (int k = 0; k < clusters; k++) {
                if (live[k] && stats.get(k).n <= 2L * d && (small < 0 || stats.get(k).n < stats.get(small).n)) {
                    small = k;
                }
            }
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < clusters; i++) {
                for (int j = i + 1; j < clusters; j++) {
                    if (!live[i] || !live[j] || (small >= 0 && i != small && j != small)) {
                        continue;
                    }
                    double v = deltaBic(stats.get(i), stats.get(j), stats.get(i).plus(stats.get(j)), floor);
                    if (v < best) {
                        best = v;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0 || (small < 0 && best >= 0)) {
                break;
            }
            stats.set(bi, stats.get(bi).plus(stats.get(bj)));
            live[bj] = false;
            for (int k = 0; k < clusters; k++) {
                if (owner[k] == bj) {
                    owner[k] = bi;
                }
            }
        }
        return Clustering.firstAppearance(owner);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BicMerging[λ = %.2f]", penalty);
    }
}
