package org.earshot.features;

import java.util.Objects;

import org.earshot.audio.Matrices;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;

/**
 * A bank of triangular filters evenly spaced on a mel scale (§21.1), as {@code torchaudio.functional.melscale_fbanks}.
 *
 * <p>With {@code nMels + 2} points {@code f_0 … f_{nMels+1}} evenly spaced in mel between {@code mel(fMin)} and
 * {@code mel(fMax)} and converted back to Hz, filter {@code m} rises from 0 at {@code f_m} to 1 at {@code f_{m+1}}
 * and falls back to 0 at {@code f_{m+2}}, sampled at the STFT bin frequencies {@code f_k = k·(sr/2)/(nFreqs − 1)}:
 *
 * <pre>H_m(f) = max(0, min((f − f_m)/(f_{m+1} − f_m), (f_{m+2} − f)/(f_{m+2} − f_{m+1})))</pre>
 *
 * With {@link Norm#SLANEY} each filter is scaled by {@code 2/(f_{m+2} − f_m)} so it has unit area (constant energy
 * per band). A mel spectrogram is {@code M[m, t] = Σ_k H_m(f_k)·P[k, t]}; only the few non-zero weights of each
 * filter are visited.
 */
public final class MelFilterbank {

    /** Filter normalisation. */
    public enum Norm {
        /** Peak 1. */
        NONE,
        /** Area 1: each filter divided by half its width in Hz, {@code 2/(f_{m+2} − f_m)}. */
        SLANEY
    }

    private final double[][] weights; // [nMels][nFreqs]
    private final int[] first;        // first non-zero bin of each filter
    private final int[] last;         // last non-zero bin of each filter (first − 1 when the filter is empty)
    private final int sampleRate;
    private final MelScale melScale;
    private final double fMinHz;
    private final double fMaxHz;

    private MelFilterbank(double[][] weights, int sampleRate, MelScale melScale, double fMinHz, double fMaxHz) {
        this.weights = weights;
        this.sampleRate = sampleRate;
        this.melScale = melScale;
        this.fMinHz = fMinHz;
        this.fMaxHz = fMaxHz;
        this.first = new int[weights.length];
        this.last = new int[weights.length];
        for (int m = 0; m < weights.length; m++) {
            int a = 0;
            while (a < weights[m].length && weights[m][a] == 0) {
                a++;
            }
            int b = weights[m].length - 1;
            while (b >= a && weights[m][b] == 0) {
                b--;
            }
            first[m] = a;
            last[m] = b;
        }
    }

    /**
     * @param nFreqs     STFT bins, {@code nFft/2 + 1}
     * @param fMinHz     lowest edge, in Hz (≥ 0)
     * @param fMaxHz     highest edge, in Hz (≤ sr/2)
     * @param nMels      number of filters (≥ 1)
     * @param sampleRate in Hz
     * @param norm       filter normalisation
     * @param melScale   the mel scale the filters are evenly spaced on
     * @return the filterbank
     */
    public static MelFilterbank create(int nFreqs, double fMinHz, double fMaxHz, int nMels, int sampleRate, Norm norm,
                                       MelScale melScale) {
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(melScale, "melScale");
        if (nFreqs < 2 || nMels < 1) {
            throw new IllegalArgumentException("need ≥ 2 frequency bins and ≥ 1 mel filter, got " + nFreqs + " and " + nMels);
        }
        if (!(0 <= fMinHz && fMinHz < fMaxHz && fMaxHz <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("need 0 ≤ f_min < f_max ≤ sample_rate/2, got f_min " + fMinHz
                    + " Hz, f_max " + fMaxHz + " Hz at " + sampleRate + " Hz");
        }
        double[] binHz = new double[nFreqs];
        double nyquist = Math.floorDiv(sampleRate, 2); // torchaudio: linspace(0, sample_rate // 2, n_freqs)
        for (int k = 0; k < nFreqs; k++) {
            binHz[k] = nyquist * k / (nFreqs - 1);
        }
        double melMin = melScale.hzToMel(fMinHz);
        double melMax = melScale.hzToMel(fMaxHz);
        double[] pointHz = new double[nMels + 2];
        for (int i = 0; i < pointHz.length; i++) {
            pointHz[i] = melScale.melToHz(melMin + (melMax - melMin) * i / (nMels + 1));
        }
        double[][] w = new double[nMels][nFreqs];
        for (int m = 0; m < nMels; m++) {
            double lower = pointHz[m];
            double centre = pointHz[m + 1];
            double upper = pointHz[m + 2];
            double scale = norm == Norm.SLANEY ? 2.0 / (upper - lower) : 1.0;
            for (int k = 0; k < nFreqs; k++) {
                double rising = (binHz[k] - lower) / (centre - lower);
                double falling = (upper - binHz[k]) / (upper - centre);
                w[m][k] = Math.max(0.0, Math.min(rising, falling)) * scale;
            }
        }
        return new MelFilterbank(w, sampleRate, melScale, fMinHz, fMaxHz);
    }

    /** @return the weights {@code [nMels][nFreqs]}, a copy (torchaudio returns the transpose) */
    public double[][] weights() {
        return Matrices.copy(weights);
    }

    public int melCount() {
        return weights.length;
    }

    public int frequencyCount() {
        return weights[0].length;
    }

    /** @return how many filters have no non-zero weight (too narrow for the FFT's bin spacing) */
    public int emptyFilterCount() {
        int empty = 0;
        for (int m = 0; m < weights.length; m++) {
            if (last[m] < first[m]) {
                empty++;
            }
        }
        return empty;
    }

    /**
     * Applies the filters to a linear-frequency spectrogram: {@code M[m, t] = Σ_k H_m(f_k)·S[k, t]}.
     *
     * @param linear power or magnitude spectrogram with {@link #frequencyCount()} bins at this bank's sample rate
     * @return the mel spectrogram, same amplitude kind, labelled with this bank's scale and range
     */
    public Spectrogram apply(Spectrogram linear) {
        if (linear.melScale().isPresent() || linear.binCount() != frequencyCount()) {
            throw new IllegalArgumentException("the filterbank needs a linear spectrogram of " + frequencyCount()
                    + " bins, got " + linear);
        }
        if (linear.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("filterbank made for " + sampleRate + " Hz, spectrogram is at "
                    + linear.sampleRate() + " Hz");
        }
        if (linear.amplitude() == Spectrogram.Amplitude.DECIBELS) {
            throw new IllegalArgumentException("apply mel filters to power or magnitude, not to decibels");
        }
        double[][] s = linear.values();
        return Spectrogram.mel(apply(s), linear.amplitude(), sampleRate, linear.nFft(), linear.hopLength(),
                linear.centered(), melScale, fMinHz, fMaxHz);
    }

    /**
     * Applies the filters to one frame's spectrum.
     *
     * @param spectrum {@code nFreqs} power (or magnitude) values
     * @param out      where the {@code nMels} results go
     * @param offset   index in {@code out} of the first
     */
    void applyFrame(double[] spectrum, double[] out, int offset) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            double sum = 0;
            for (int k = first[m]; k <= last[m]; k++) {
                sum += w[k] * spectrum[k];
            }
            out[offset + m] = sum;
        }
    }

    MelScale melScale() {
        return melScale;
    }

    double fMinHz() {
        return fMinHz;
    }

    double fMaxHz() {
        return fMaxHz;
    }

    /**
     * @param linear {@code [nFreqs][frames]}
     * @return {@code [nMels][frames]}
     */
    double[][] apply(double[][] linear) {
        int frames = linear[0].length;
        double[][] mel = new double[weights.length][frames];
        for (int m = 0; m < weights.length; m++) {
            double[] out = mel[m];
            for (int k = first[m]; k <= last[m]; k++) {
                double wk = weights[m][k];
                double[] in = linear[k];
                for (int t = 0; t < frames; t++) {
                    out[t] += wk * in[t];
                }
            }
        }
        return mel;
    }
}
