package org.earshot.tts.vocoder;

/**
 * Linear prediction (§21.3's parametric era): a frame of speech modelled as the output of an all-pole filter, the
 * vocal tract's resonances, driven by a flat excitation,
 * <pre>
 *   x[n] = −Σ_{k=1}^{p} a_k x[n−k] + g·e[n]          H(z) = g / A(z),  A(z) = 1 + Σ_k a_k z^{−k}
 * </pre>
 * The autocorrelation method: r[k] = Σ_n x[n] x[n+k] over the windowed frame, then the normal equations
 * Σ_k a_k r[|i−k|] = −r[i] (i = 1 … p), a Toeplitz system solved by the Levinson-Durbin recursion in O(p²); the
 * prediction error's energy is g² = r[0] + Σ_k a_k r[k]. Equal to SciPy's {@code solve_toeplitz} and
 * {@code lfilter} on committed fixtures ({@code LpcParityTest}).
 *
 * @param coefficients {@code [1, a_1, …, a_p]}
 * @param gain         g, the square root of the prediction error's energy
 */
public record Lpc(double[] coefficients, double gain) {

    public Lpc {
        if (coefficients.length < 1 || coefficients[0] != 1) {
            throw new IllegalArgumentException("coefficients start with a_0 = 1");
        }
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** @return p, the number of poles */
    public int order() {
        return coefficients.length - 1;
    }

    /**
     * @param frame  a windowed frame
     * @param maxLag the last lag (≥ 0)
     * @return r[0 … maxLag], r[k] = Σ_n x[n] x[n+k]
     */
    public static double[] autocorrelation(double[] frame, int maxLag) {
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double sum = 0;
            for (int n = 0; n + k < frame.length; n++) {
                sum += frame[n] * frame[n + k];
            }
            r[k] = sum;
        }
        return r;
    }

    /**
     * @param frame a windowed frame (longer than the order)
     * @param order p ≥ 1
     * @return the frame's predictor; an all-zero frame gives A(z) = 1 and g = 0
     */
    public static Lpc of(double[] frame, int order) {
        if (order < 1 || order >= frame.length) {
            throw new IllegalArgumentException("order " + order + " must be in 1 … " + (frame.length - 1));
        }
        return levinson(autocorrelation(frame, order), order);
    }

    /**
     * The Levinson-Durbin recursion: for i = 1 … p, k_i = −(r[i] + Σ_{j<i} a_j r[i−j]) / E_{i−1},
     * a_j ← a_j + k_i a_{i−j}, a_i = k_i, E_i = (1 − k_i²) E_{i−1}, from E_0 = r[0].
     *
     * @param r     autocorrelation r[0 … p]
     * @param order p
     * @return the predictor
     */
    public static Lpc levinson(double[] r, int order) {
        double[] a = new double[order + 1];
        a[0] = 1;
        double error = r[0];
        if (!(error > 0)) {
            return new Lpc(a, 0);
        }
        for (int i = 1; i <= order; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += a[j] * r[i - j];
            }
            double k = -acc / error;
            double[] previous = a.clone();
            for (int j = 1; j < i; j++) {
                a[j] = previous[j] + k * previous[i - j];
            }
            a[i] = k;
            error *= 1 - k * k;
        }
        return new Lpc(a, Math.sqrt(Math.max(error, 0)));
    }

    /**
     * Runs the all-pole filter y[n] = g·e[n] − Σ_k a_k y[n−k], continuing from {@code history}.
     *
     * @param excitation e
     * @param history    the last p outputs before this block, newest first ({@code history[0]} = y[−1]); updated
     *                   in place (so consecutive frames join without a click); length ≥ p
     * @return y
     */
    public double[] synthesize(double[] excitation, double[] history) {
        int p = order();
        if (history.length < p) {
            throw new IllegalArgumentException("history holds " + history.length + " outputs, the filter needs " + p);
        }
        double[] y = new double[excitation.length];
        for (int n = 0; n < y.length; n++) {
            double v = gain * excitation[n];
            for (int k = 1; k <= p; k++) {
                v -= coefficients[k] * history[k - 1];
            }
            System.arraycopy(history, 0, history, 1, history.length - 1);
            history[0] = v;
            y[n] = v;
        }
        return y;
    }
}
