package org.earshot.models;

import java.util.Arrays;

import org.earshot.audio.Matrices;

/**
 * A Gaussian mixture with diagonal covariances: the emission model of classical HMM-GMM recognisers (§21.2) and
 * the universal background model of GMM-UBM speaker verification (§21.4),
 *
 * <pre>p(x) = Σ_k w_k · Π_d N(x_d; μ_kd, σ²_kd)</pre>
 *
 * trained by expectation–maximisation ({@link #em}) as scikit-learn's
 * {@code GaussianMixture(covariance_type="diag")}: the E-step computes responsibilities
 * {@code r_nk ∝ w_k N(x_n; μ_k, σ²_k)}; the M-step sets {@code N_k = Σ_n r_nk} (plus 10 machine epsilons),
 * {@code w_k = N_k/N}, {@code μ_k = Σ_n r_nk x_n / N_k}, {@code σ²_k = Σ_n r_nk (x_n − μ_k)² / N_k + reg}.
 *
 * <p>Immutable. The constant part of each component's log-density, {@code −½ Σ_d ln(2π σ²_kd)}, and the
 * precisions {@code 1/σ²_kd} are computed once when the mixture is made: alignment and decoding evaluate the
 * density for every frame and state, and those logarithms and divisions were most of their time.
 */
public final class Gmm {

    /** scikit-learn's default {@code reg_covar}: added to every variance so none collapses to 0. */
    public static final double DEFAULT_REGULARIZATION = 1e-6;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] weights;
    private final double[][] means;
    private final double[][] variances;
    private final double[] logNorm; // per component: Σ_d (ln 2π + ln σ²_kd)
    private final double[][] precision; // 1 / σ²_kd

    /**
     * @param weights   {@code w_k}, summing to 1
     * @param means     {@code μ_k}, {@code [K][D]}
     * @param variances {@code σ²_k}, {@code [K][D]}, all > 0
     */
    public Gmm(double[] weights, double[][] means, double[][] variances) {
        if (weights.length == 0 || means.length != weights.length || variances.length != weights.length) {
            throw new IllegalArgumentException("need K ≥ 1 weights, means and variances, got " + weights.length + ", "
                    + means.length + ", " + variances.length);
        }
        Matrices.requireRectangular(means, "component");
        Matrices.requireRectangular(variances, "component");
        if (means[0].length != variances[0].length) {
            throw new IllegalArgumentException("means have " + means[0].length + " dimensions, variances " + variances[0].length);
        }
        for (double[] row : variances) {
            for (double v : row) {
                if (!(v > 0)) {
                    throw new IllegalArgumentException("variances must be > 0, got " + v);
                }
            }
        }
        this.weights = weights.clone();
        this.means = Matrices.copy(means);
        this.variances = Matrices.copy(variances);
        this.logNorm = new double[weights.length];
        this.precision = new double[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            double sum = 0;
            precision[k] = new double[variances[k].length];
            for (int d = 0; d < variances[k].length; d++) {
                sum += LOG_2PI + Math.log(variances[k][d]);
                precision[k][d] = 1 / variances[k][d];
            }
            logNorm[k] = sum;
        }
    }

    /** @return the one Gaussian of most likelihood for the data: their mean and (biased) variance per dimension */
    public static Gmm singleGaussian(double[][] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("need at least one point");
        }
        int dim = data[0].length;
        double[] mean = new double[dim];
        double[] var = new double[dim];
        for (double[] x : data) {
            for (int d = 0; d < dim; d++) {
                mean[d] += x[d] / data.length;
            }
        }
        for (double[] x : data) {
            for (int d = 0; d < dim; d++) {
                var[d] += (x[d] - mean[d]) * (x[d] - mean[d]) / data.length;
            }
        }
        return new Gmm(new double[] {1}, new double[][] {mean}, new double[][] {var});
    }

    /**
     * Doubles the components (HTK's mixture splitting): each becomes two of half its weight, with the same variances
     * and means moved {@code ±0.2 σ} in every dimension; EM then pulls the pairs apart.
     *
     * @return the mixture of {@code 2K} components
     */
    public Gmm split() {
        int k = weights.length;
        double[] w = new double[2 * k];
        double[][] mu = new double[2 * k][];
        double[][] var = new double[2 * k][];
        for (int i = 0; i < k; i++) {
            w[2 * i] = weights[i] / 2;
            w[2 * i + 1] = weights[i] / 2;
            mu[2 * i] = means[i].clone();
            mu[2 * i + 1] = means[i].clone();
            for (int d = 0; d < mu[2 * i].length; d++) {
                double sd = Math.sqrt(variances[i][d]);
                mu[2 * i][d] += 0.2 * sd;
                mu[2 * i + 1][d] -= 0.2 * sd;
            }
            var[2 * i] = variances[i].clone();
            var[2 * i + 1] = variances[i].clone();
        }
        return new Gmm(w, mu, var);
    }

    /** @return this mixture with every variance raised to at least {@code floor[d]} */
    public Gmm withVarianceFloor(double[] floor) {
        double[][] var = variances();
        for (double[] row : var) {
            for (int d = 0; d < row.length; d++) {
                row[d] = Math.max(row[d], floor[d]);
            }
        }
        return new Gmm(weights, means, var);
    }

    /** @return the responsibilities {@code γ_k(x) = w_k N(x; μ_k, σ²_k) / p(x)}, summing to 1 */
    public double[] posteriors(double[] x) {
        double[] l = componentLogLikelihoods(x);
        double norm = logSumExp(l);
        for (int k = 0; k < l.length; k++) {
            l[k] = Math.exp(l[k] - norm);
        }
        return l;
    }

    /** @return {@code w_k}, a copy */
    public double[] weights() {
        return weights.clone();
    }

    /** @return {@code μ_k}, {@code [K][D]}, a copy */
    public double[][] means() {
        return Matrices.copy(means);
    }

    /** @return {@code σ²_k}, {@code [K][D]}, a copy */
    public double[][] variances() {
        return Matrices.copy(variances);
    }

    public int componentCount() {
        return weights.length;
    }

    public int dimension() {
        return means[0].length;
    }

    /** @return {@code ln(w_k N(x; μ_k, σ²_k))} for every component */
    public double[] componentLogLikelihoods(double[] x) {
        double[] out = new double[weights.length];
        for (int k = 0; k < out.length; k++) {
            double[] mu = means[k];
            double[] p = precision[k];
            double sum = 0;
            for (int d = 0; d < x.length; d++) {
                double diff = x[d] - mu[d];
                sum += diff * diff * p[d];
            }
            out[k] = Math.log(weights[k]) - 0.5 * (logNorm[k] + sum);
        }
        return out;
    }

    /** @return {@code ln p(x)} */
    public double logLikelihood(double[] x) {
        return logSumExp(componentLogLikelihoods(x));
    }

    /** @return the mean of {@code ln p(x_n)} over the data (scikit-learn's {@code score}) */
    public double meanLogLikelihood(double[][] data) {
        return Arrays.stream(data).mapToDouble(this::logLikelihood).average().orElseThrow();
    }

    /**
     * Runs {@code iterations} EM steps from this mixture.
     *
     * @param data           {@code [N][D]}
     * @param iterations     EM steps (≥ 1)
     * @param regularization added to every variance (scikit-learn's {@code reg_covar})
     * @return the trained mixture
     */
    public Gmm em(double[][] data, int iterations, double regularization) {
        Gmm g = this;
        for (int i = 0; i < iterations; i++) {
            g = g.emStep(data, regularization);
        }
        return g;
    }

    private Gmm emStep(double[][] data, double regularization) {
        int kCount = weights.length;
        int dim = dimension();
        double[] nk = new double[kCount];
        double[][] sum = new double[kCount][dim];
        double[][] sumSquares = new double[kCount][dim];
        for (double[] x : data) {
            double[] l = componentLogLikelihoods(x);
            double norm = logSumExp(l);
            for (int k = 0; k < kCount; k++) {
                double r = Math.exp(l[k] - norm);
                nk[k] += r;
                for (int d = 0; d < dim; d++) {
                    sum[k][d] += r * x[d];
                    sumSquares[k][d] += r * x[d] * x[d];
                }
            }
        }
        double eps = 10 * Math.ulp(1.0);
        double[] w = new double[kCount];
        double[][] mu = new double[kCount][dim];
        double[][] var = new double[kCount][dim];
        double total = 0;
        for (int k = 0; k < kCount; k++) {
            nk[k] += eps;
            total += nk[k];
        }
        for (int k = 0; k < kCount; k++) {
            w[k] = nk[k] / total;
            for (int d = 0; d < dim; d++) {
                mu[k][d] = sum[k][d] / nk[k];
                // E[x²] − 2μE[x] + μ², as scikit-learn computes it
                var[k][d] = sumSquares[k][d] / nk[k] - 2 * mu[k][d] * sum[k][d] / nk[k] + mu[k][d] * mu[k][d] + regularization;
            }
        }
        return new Gmm(w, mu, var);
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }
}
