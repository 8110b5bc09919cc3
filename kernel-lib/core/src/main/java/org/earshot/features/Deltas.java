package org.earshot.features;

/**
 * Delta (time-derivative) features (§21.1), as {@code torchaudio.functional.compute_deltas}: a least-squares slope
 * over {@code 2N + 1} frames, with the first and last frames repeated at the edges:
 *
 * <pre>d_t = Σ_{n=1}^{N} n·(c_{t+n} − c_{t−n}) / (2·Σ_{n=1}^{N} n²),   N = (winLength − 1)/2</pre>
 */
public final class Deltas {

    private Deltas() {
    }

    /**
     * @param features  {@code [feature][frame]}
     * @param winLength frames in the regression window (odd is usual; ≥ 3; torchaudio's default 5)
     * @return deltas, same shape
     */
    public static double[][] compute(double[][] features, int winLength) {
        if (winLength < 3) {
            throw new IllegalArgumentException("win_length must be ≥ 3, got " + winLength);
        }
        int n = (winLength - 1) / 2;
        double denominator = n * (n + 1) * (2.0 * n + 1) / 3.0;
        double[][] d = new double[features.length][];
        for (int f = 0; f < features.length; f++) {
            double[] c = features[f];
            int frames = c.length;
            d[f] = new double[frames];
            for (int t = 0; t < frames; t++) {
                double sum = 0;
                for (int k = 1; k <= n; k++) {
                    sum += k * (c[Math.min(frames - 1, t + k)] - c[Math.max(0, t - k)]);
                }
                d[f][t] = sum / denominator;
            }
        }
        return d;
    }

    /** @return the deltas of a feature matrix, same axes, named "Δ " + its name */
    public static FeatureFrames compute(FeatureFrames features, int winLength) {
        return features.withValues(compute(features.values(), winLength), "Δ " + features.name());
    }
}
