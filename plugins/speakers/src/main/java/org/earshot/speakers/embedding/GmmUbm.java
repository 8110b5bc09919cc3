package org.earshot.speakers.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.earshot.audio.Audio;
import org.earshot.features.FeatureFrames;
import org.earshot.features.Mfcc;
import org.earshot.models.Gmm;

/**
 * The classical speaker model of the 2000s (§21.4; Reynolds, Quatieri and Dunn, "Speaker verification using adapted
 * Gaussian mixture models", 2000): a universal background model (UBM), one {@link Gmm} trained by EM on the frames
 * of many speakers, and each speaker's model adapted from it by maximum a posteriori (MAP) estimation of the means.
 * For a clip's frames x₁ … x_T, with responsibilities γ_k(x_t) under the UBM,
 * <pre>
 *   n_k = Σ_t γ_k(x_t),   E_k[x] = (1/n_k) Σ_t γ_k(x_t) x_t,   α_k = n_k / (n_k + r)
 *   μ̂_k = α_k E_k[x] + (1 − α_k) μ_k
 * </pre>
 * with r the relevance factor (16 in the paper): a component the clip hardly visits keeps the UBM's mean, one it
 * visits often moves to the clip's data. Weights and variances stay the UBM's.
 *
 * <p>The embedding is the GMM supervector (Campbell et al. 2006): the adapted means' offsets, scaled so that the inner
 * product of two supervectors approximates the divergence between their mixtures,
 * <pre>  s = [ √w_k (μ̂_k − μ_k) / σ_k ]_{k = 1…K},   e = s / ‖s‖</pre>
 * so the same cosine scoring, trials and clustering serve this model, the MFCC statistics and the x-vector alike.
 * Frames: MFCC c₁ … c_{n−1} (c₀, the level, left out) of the frames within {@value #SPEECH_RANGE_DB} dB of the clip's
 * loudest (silence has no voice), cepstral mean subtracted per clip (removes a fixed channel).
 *
 * @param sampleRate the rate the UBM was trained at, Hz
 * @param nMfcc      n, the MFCCs computed (frames have n − 1 values)
 * @param relevance  r, the relevance factor of MAP adaptation
 * @param weights    the UBM's {@code w_k}
 * @param means      the UBM's {@code μ_k}, {@code [K][n − 1]}
 * @param variances  the UBM's {@code σ²_k}, {@code [K][n − 1]}
 */
public record GmmUbm(int sampleRate, int nMfcc, double relevance, double[] weights, double[][] means,
                     double[][] variances) {

    /** Frames quieter than the clip's loudest by more than this are silence, and left out. */
    public static final double SPEECH_RANGE_DB = 30;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GmmUbm {
        if (!(relevance > 0)) {
            throw new IllegalArgumentException("relevance factor " + relevance + ": must be > 0");
        }
        Gmm check = new Gmm(weights, means, variances); // validates shapes and variances
        if (check.dimension() != nMfcc - 1) {
            throw new IllegalArgumentException("UBM of " + check.dimension() + " dimensions for n_mfcc " + nMfcc
                    + " (want " + (nMfcc - 1) + ")");
        }
        weights = check.weights();
        means = check.means();
        variances = check.variances();
    }

    /** @return the background mixture */
    public Gmm ubm() {
        return new Gmm(weights, means, variances);
    }

    /** @return K, the mixture's components */
    public int components() {
        return weights.length;
    }

    /** @return K (n − 1), the length of a supervector */
    public int dimension() {
        return weights.length * (nMfcc - 1);
    }

    /** @return the MFCC transform the frames come from: 25 ms windows every 10 ms, 40 mels */
    public static Mfcc mfcc(int sampleRate, int nMfcc) {
        return MfccStatistics.of(sampleRate, nMfcc).mfcc();
    }

    /**
     * @param audio a clip at the model's rate
     * @return its speech frames {@code [T][n − 1]}: c₁ … c_{n−1}, within {@value #SPEECH_RANGE_DB} dB of the loudest,
     *         cepstral mean subtracted
     */
    public double[][] frames(Audio audio) {
        return frames(mfcc(sampleRate, nMfcc), sampleRate, audio);
    }

    /** @return as {@link #frames(Audio)}, with the given transform (made once by a caller that trains) */
    public static double[][] frames(Mfcc mfcc, int sampleRate, Audio audio) {
        Audio mono = audio.mixdown();
        if (mono.sampleRate() != sampleRate) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %d Hz sound given to a GMM-UBM trained at %d Hz: resample it first", mono.sampleRate(),
                    sampleRate));
        }
        FeatureFrames f = mfcc.apply(mono);
        double[][] c = f.values();
        int n = c.length;
        int frames = f.frameCount();
        // c₀ of an orthonormal DCT of n_mels dB values is √n_mels times their mean: the frame's mean level in dB
        double scale = 1 / Math.sqrt(40);
        double loudest = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            loudest = Math.max(loudest, c[0][t] * scale);
        }
        List<double[]> kept = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            if (c[0][t] * scale >= loudest - SPEECH_RANGE_DB) {
                double[] x = new double[n - 1];
                for (int k = 1; k < n; k++) {
                    x[k - 1] = c[k][t];
                }
                kept.add(x);
            }
        }
        double[] mean = new double[n - 1];
        for (double[] x : kept) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += x[d] / kept.size();
            }
        }
        for (double[] x : kept) {
            for (int d = 0; d < mean.length; d++) {
                x[d] -= mean[d];
            }
        }
        return kept.toArray(new double[0][]);
    }

    /**
     * Trains a UBM: one Gaussian over all frames, split in two (HTK's splitting, {@link Gmm#split}) until
     * {@code components}, {@code emSteps} EM steps after each split and {@code 2 · emSteps} at the end.
     *
     * @param sampleRate the clips' rate, Hz
     * @param nMfcc      n, MFCCs computed
     * @param components K, a power of two
     * @param relevance  r
     * @param frames     the training frames, {@code [N][n − 1]} (e.g. from {@link #frames} of many clips)
     * @param emSteps    EM steps after each split (≥ 1)
     * @param progress   told the EM steps done so far, of {@code emSteps · (log₂ K + 2)}
     * @return the model
     */
    public static GmmUbm train(int sampleRate, int nMfcc, int components, double relevance, double[][] frames,
                               int emSteps, IntConsumer progress) {
        if (Integer.bitCount(components) != 1) {
            throw new IllegalArgumentException("components " + components + ": want a power of two (splitting doubles)");
        }
        if (frames.length < 10L * components * (nMfcc - 1)) {
            throw new IllegalArgumentException(frames.length + " frames are too few for " + components
                    + " components of " + (nMfcc - 1) + " dimensions (want ≥ " + 10L * components * (nMfcc - 1) + ")");
        }
        double[] floor = Gmm.singleGaussian(frames).variances()[0];
        for (int d = 0; d < floor.length; d++) {
            floor[d] *= 0.01; // 1 % of each dimension's variance, as the 21.2 trainer floors its states
        }
        Gmm g = Gmm.singleGaussian(frames);
        int done = 0;
        while (g.componentCount() < components) {
            g = g.split();
            for (int i = 0; i < emSteps; i++) {
                g = g.em(frames, 1, Gmm.DEFAULT_REGULARIZATION).withVarianceFloor(floor);
                progress.accept(++done);
            }
        }
        for (int i = 0; i < 2 * emSteps; i++) {
            g = g.em(frames, 1, Gmm.DEFAULT_REGULARIZATION).withVarianceFloor(floor);
            progress.accept(++done);
        }
        return new GmmUbm(sampleRate, nMfcc, relevance, g.weights(), g.means(), g.variances());
    }

    /**
     * @param frames a speaker's frames ({@link #frames})
     * @return the speaker's mixture: the UBM with MAP-adapted means
     */
    public Gmm adapt(double[][] frames) {
        return new Gmm(weights, adaptedMeans(frames), variances);
    }

    private double[][] adaptedMeans(double[][] frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("MAP adaptation needs at least one frame (the clip is silent?)");
        }
        Gmm ubm = ubm();
        int kCount = weights.length;
        int dim = nMfcc - 1;
        double[] n = new double[kCount];
        double[][] first = new double[kCount][dim];
        for (double[] x : frames) {
            double[] gamma = ubm.posteriors(x);
            for (int k = 0; k < kCount; k++) {
                n[k] += gamma[k];
                for (int d = 0; d < dim; d++) {
                    first[k][d] += gamma[k] * x[d];
                }
            }
        }
        double[][] adapted = new double[kCount][dim];
        for (int k = 0; k < kCount; k++) {
            double alpha = n[k] / (n[k] + relevance);
            for (int d = 0; d < dim; d++) {
                double ex = n[k] > 0 ? first[k][d] / n[k] : means[k][d];
                adapted[k][d] = alpha * ex + (1 - alpha) * means[k][d];
            }
        }
        return adapted;
    }

    /**
     * @param frames a clip's frames ({@link #frames})
     * @return its supervector {@code [√w_k (μ̂_k − μ_k) / σ_k]}, unit-normed
     */
    public Embedding supervector(double[][] frames) {
        double[][] adapted = adaptedMeans(frames);
        int dim = nMfcc - 1;
        double[] s = new double[weights.length * dim];
        for (int k = 0; k < weights.length; k++) {
            double w = Math.sqrt(weights[k]);
            for (int d = 0; d < dim; d++) {
                s[k * dim + d] = w * (adapted[k][d] - means[k][d]) / Math.sqrt(variances[k][d]);
            }
        }
        return Embedding.of(s);
    }

    /** @return the supervector of a clip */
    public Embedding embed(Audio audio) {
        return supervector(frames(audio));
    }

    /**
     * Reynolds' score: the mean per-frame log-likelihood ratio of a test clip between a speaker's adapted mixture and
     * the UBM, {@code (1/T) Σ_t [ln p(x_t | λ_speaker) − ln p(x_t | λ_UBM)]}; above 0 the speaker explains the clip
     * better than people at large.
     */
    public double logLikelihoodRatio(Gmm speaker, double[][] frames) {
        Gmm ubm = ubm();
        double sum = 0;
        for (double[] x : frames) {
            sum += speaker.logLikelihood(x) - ubm.logLikelihood(x);
        }
        return sum / frames.length;
    }

    /** @return every {@code step}-th frame of each clip, in a random order of clips (for a UBM of bounded cost) */
    public static double[][] subsample(List<double[][]> clips, int step, long seed) {
        List<double[][]> order = new ArrayList<>(clips);
        java.util.Collections.shuffle(order, new Random(seed));
        List<double[]> out = new ArrayList<>();
        for (double[][] c : order) {
            for (int t = 0; t < c.length; t += step) {
                out.add(c[t]);
            }
        }
        return out.toArray(new double[0][]);
    }

    /** Writes the model as JSON. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    /**
     * @param file a model written by {@link #write}
     * @return the model
     * @throws IOException when it is missing or not a GMM-UBM (the message names the file)
     */
    public static GmmUbm read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no GMM-UBM here (./earshot train-ubm makes one)");
        }
        try {
            return JSON.readValue(file.toFile(), GmmUbm.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a GMM-UBM (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] means() {
        return ubm().means();
    }

    @Override
    public double[][] variances() {
        return ubm().variances();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GmmUbm g && g.sampleRate == sampleRate && g.nMfcc == nMfcc && g.relevance == relevance
                && java.util.Arrays.equals(g.weights, weights) && java.util.Arrays.deepEquals(g.means, means)
                && java.util.Arrays.deepEquals(g.variances, variances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, nMfcc, relevance, java.util.Arrays.hashCode(weights),
                java.util.Arrays.deepHashCode(means));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GmmUbm[%d components over c1…c%d, %d Hz, r = %.0f: supervectors of %d]",
                weights.length, nMfcc - 1, sampleRate, relevance, dimension());
    }
}
