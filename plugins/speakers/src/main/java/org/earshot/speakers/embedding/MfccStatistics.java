package org.earshot.speakers.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.earshot.audio.Audio;
import org.earshot.features.FeatureFrames;
import org.earshot.features.Mfcc;

/**
 * A classical speaker embedding, no learning involved (§21.4): the mean and standard deviation over time of each
 * MFCC, c₁ … c_{n−1}, concatenated,
 * <pre>s = [μ₁ … μ_{n−1}, σ₁ … σ_{n−1}],   μ_k = (1/T) Σ_t c_k[t],   σ_k = √((1/T) Σ_t (c_k[t] − μ_k)²)</pre>
 * c₀ (the frame's overall level) is left out, so loudness does not count. The means describe the average spectral
 * envelope (vocal tract length, voice quality), the deviations how much it moves. It is the "statistics pooling" of an
 * x-vector network without the network: a baseline to beat, not a speaker model — it also measures the words said,
 * the channel and the room.
 *
 * <p>Raw statistics of any two speech clips point in nearly the same direction (speech has one typical envelope), so
 * cosine scores would all be near 1. {@link #standardize} removes that: z-score each dimension over a set of clips (the
 * windows of one recording, for diarization), then unit-norm. MFCCs are those of kernel-lib's {@link Mfcc} (HTK-free,
 * torchaudio's conventions): 25 ms windows every 10 ms at the given rate, 40 mels, dB with an 80 dB floor.
 */
public final class MfccStatistics {

    private final Mfcc mfcc;
    private final int nMfcc;
    private final int sampleRate;

    private MfccStatistics(int sampleRate, int nMfcc) {
        this.sampleRate = sampleRate;
        this.nMfcc = nMfcc;
        int win = Math.round(0.025f * sampleRate);
        int hop = Math.round(0.010f * sampleRate);
        int nFft = Integer.highestOneBit(win - 1) << 1;
        this.mfcc = Mfcc.builder().sampleRate(sampleRate).nMfcc(nMfcc).nMels(40).nFft(nFft).winLength(win)
                .hopLength(hop).build();
    }

    /**
     * @param sampleRate the sounds' rate, Hz (≥ 8000)
     * @param nMfcc      n, coefficients computed (≥ 2; c₀ is dropped, so the statistics have 2(n − 1) values)
     * @return the transform
     */
    public static MfccStatistics of(int sampleRate, int nMfcc) {
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz: MFCC statistics need ≥ 8000 Hz");
        }
        if (nMfcc < 2 || nMfcc > 40) {
            throw new IllegalArgumentException("n_mfcc (" + nMfcc + ") must lie in [2, 40] (40 mel bands)");
        }
        return new MfccStatistics(sampleRate, nMfcc);
    }

    /** @return the MFCC transform the statistics are taken over */
    public Mfcc mfcc() {
        return mfcc;
    }

    /** @return the sounds' rate, Hz */
    public int sampleRate() {
        return sampleRate;
    }

    /** @return n, the coefficients computed (c₀ is dropped from the statistics) */
    public int nMfcc() {
        return nMfcc;
    }

    /** @return 2(n − 1), the length of a statistics vector */
    public int dimension() {
        return 2 * (nMfcc - 1);
    }

    /**
     * @param audio a sound at the transform's rate, at least one frame long
     * @return {@code [2(n − 1)]} means then deviations of c₁ … c_{n−1}
     */
    public double[] statistics(Audio audio) {
        requireRate(audio);
        FeatureFrames f = mfcc.apply(audio);
        return statistics(f.values(), 0, f.frameCount());
    }

    /**
     * @param coefficients {@code [n][frames]} MFCCs (as {@link Mfcc#apply} gives them)
     * @param fromFrame    first frame, inclusive
     * @param toFrame      last frame, exclusive (&gt; fromFrame)
     * @return {@code [2(n − 1)]} the statistics of those frames
     */
    public static double[] statistics(double[][] coefficients, int fromFrame, int toFrame) {
        if (!(toFrame > fromFrame) || fromFrame < 0 || toFrame > coefficients[0].length) {
            throw new IllegalArgumentException("frames " + fromFrame + "…" + toFrame + " of " + coefficients[0].length
                    + ": need at least one frame inside");
        }
        int n = coefficients.length;
        int count = toFrame - fromFrame;
        double[] out = new double[2 * (n - 1)];
        for (int k = 1; k < n; k++) {
            double sum = 0;
            for (int t = fromFrame; t < toFrame; t++) {
                sum += coefficients[k][t];
            }
            double mean = sum / count;
            double sq = 0;
            for (int t = fromFrame; t < toFrame; t++) {
                sq += (coefficients[k][t] - mean) * (coefficients[k][t] - mean);
            }
            out[k - 1] = mean;
            out[n - 2 + k] = Math.sqrt(sq / count);
        }
        return out;
    }

    /**
     * @param statistics at least two vectors of one length
     * @return each dimension z-scored over the set ({@code (s − mean)/std}, a constant dimension set to 0), then
     *         each vector unit-normed
     * @throws IllegalArgumentException when a vector equals the mean in every dimension (no direction)
     */
    public static List<Embedding> standardize(List<double[]> statistics) {
        if (statistics.size() < 2) {
            throw new IllegalArgumentException("standardising needs at least 2 vectors, got " + statistics.size());
        }
        int d = statistics.get(0).length;
        for (double[] s : statistics) {
            if (s.length != d) {
                throw new IllegalArgumentException("statistics of " + s.length + " and " + d + " values: one transform");
            }
        }
        double[][] moments = BackgroundStatistics.meanAndStd(statistics, d);
        double[] mean = moments[0];
        double[] std = moments[1];
        List<Embedding> out = new ArrayList<>(statistics.size());
        for (double[] s : statistics) {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                z[i] = std[i] > 1e-12 ? (s[i] - mean[i]) / std[i] : 0;
            }
            out.add(Embedding.of(z)); // a vector at the mean in every dimension has no direction: Embedding says so
        }
        return out;
    }

    private void requireRate(Audio audio) {
        if (audio.sampleRate() != sampleRate) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %d Hz sound given to MFCC statistics made for %d Hz: resample it first", audio.sampleRate(),
                    sampleRate));
        }
    }

    @Override
    public String toString() {
        return "MfccStatistics[" + sampleRate + " Hz, c1…c" + (nMfcc - 1) + ", mean + std: " + dimension() + " values]";
    }
}
