package org.earshot.speakers.embedding;

import java.util.List;
import java.util.Locale;

/**
 * The statistics of a background population of speakers: per dimension of {@link MfccStatistics}, the mean and the
 * standard deviation over many clips of many people. Standardising a clip by them, instead of by the clips at hand
 * ({@link MfccStatistics#standardize}), gives an embedding of one clip alone, so a voice enrolled today scores
 * against a clip recorded tomorrow:
 * <pre>  e = z / ‖z‖,   z_i = (s_i − μ_i) / σ_i</pre>
 *
 * @param sampleRate the rate the statistics were taken at, Hz
 * @param nMfcc      the MFCCs computed (the statistics have 2(n − 1) values)
 * @param mean       μ, per dimension
 * @param std        σ, per dimension (a constant dimension: 0, and it is left out)
 * @param clips      how many clips the background holds
 */
public record BackgroundStatistics(int sampleRate, int nMfcc, double[] mean, double[] std, int clips) {

    public BackgroundStatistics {
        if (mean.length != std.length || mean.length != 2 * (nMfcc - 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "background of %d means and %d deviations for n_mfcc %d (want %d each)", mean.length, std.length,
                    nMfcc, 2 * (nMfcc - 1)));
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * @param features   the transform the statistics come from
     * @param statistics at least two clips' statistics
     * @return their means and deviations, per dimension
     */
    public static BackgroundStatistics of(MfccStatistics features, List<double[]> statistics) {
        if (statistics.size() < 2) {
            throw new IllegalArgumentException("a background needs at least 2 clips, got " + statistics.size());
        }
        double[][] moments = meanAndStd(statistics, features.dimension());
        double[] mean = moments[0];
        double[] std = moments[1];
        return new BackgroundStatistics(features.sampleRate(), features.nMfcc(), mean, std, statistics.size());
    }

    /**
     * @param statistics vectors of {@code d} values each
     * @param d          their length
     * @return {@code {mean, std}} per dimension over the vectors (population deviation, 1/n)
     */
    static double[][] meanAndStd(List<double[]> statistics, int d) {
        double[] mean = new double[d];
        double[] var = new double[d];
        for (double[] s : statistics) {
            for (int i = 0; i < d; i++) {
                mean[i] += s[i] / statistics.size();
            }
        }
        for (double[] s : statistics) {
            for (int i = 0; i < d; i++) {
                var[i] += (s[i] - mean[i]) * (s[i] - mean[i]) / statistics.size();
            }
        }
        double[] std = new double[d];
        for (int i = 0; i < d; i++) {
            std[i] = Math.sqrt(var[i]);
        }
        return new double[][] {mean, std};
    }

    /** @return the transform these statistics belong to */
    public MfccStatistics features() {
        return MfccStatistics.of(sampleRate, nMfcc);
    }

    /**
     * @param statistics one clip's statistics
     * @return its embedding: z-scored by this background, unit-normed
     */
    public Embedding embed(double[] statistics) {
        if (statistics.length != mean.length) {
            throw new IllegalArgumentException(statistics.length + " statistics for a background of " + mean.length);
        }
        double[] z = new double[mean.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = std[i] > 1e-12 ? (statistics[i] - mean[i]) / std[i] : 0;
        }
        return Embedding.of(z);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackgroundStatistics b && b.sampleRate == sampleRate && b.nMfcc == nMfcc
                && b.clips == clips && java.util.Arrays.equals(b.mean, mean) && java.util.Arrays.equals(b.std, std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sampleRate, nMfcc, clips, java.util.Arrays.hashCode(mean),
                java.util.Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BackgroundStatistics[%d Hz, n_mfcc %d, %d clips]", sampleRate, nMfcc, clips);
    }
}
