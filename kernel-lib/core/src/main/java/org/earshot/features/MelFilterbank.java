package org.earshot.features;

import java.util.Optional;

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
 *
 * <p>The weights are {@link Spectral#melFilterbank} and {@link #apply} is {@link Spectral#melSpectrogram}; this value
 * keeps the weights with the sample rate, scale and range that label its output.
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
    private final int sampleRate;
    private final MelScale melScale;
    private final double fMinHz;
    private final double fMaxHz;
    private final int[] emptyFilters;
    private final Optional<String> warning;

    private MelFilterbank(double[][] weights, int sampleRate, MelFilterbank.Norm norm, MelScale melScale, double fMinHz,
                          double fMaxHz) {
        this.weights = weights;
        this.sampleRate = sampleRate;
        this.melScale = melScale;
        this.fMinHz = fMinHz;
        this.fMaxHz = fMaxHz;
        this.emptyFilters = Spectral.emptyFilters(weights);
        this.warning = emptyFilters.length == 0 ? Optional.empty()
                : Spectral.emptyFilterWarning(weights, fMinHz, fMaxHz, sampleRate, norm, melScale);
    }

    /**
     * The filterbank of {@link Spectral#melFilterbank}, which prints a warning to {@code System.err} when a filter
     * is empty (all weights zero, e.g. 128 mels at n_fft 400 and 16 kHz); {@link #emptyFilters()} and
     * {@link #warning()} say so too.
     *
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
        double[][] w = Spectral.melFilterbank(nFreqs, fMinHz, fMaxHz, nMels, sampleRate, norm, melScale);
        return new MelFilterbank(w, sampleRate, norm, melScale, fMinHz, fMaxHz);
    }

    /**
     * The same filterbank with every field named, for lessons and readers:
     * {@code MelFilterbank.builder().nFft(400).sampleRate(16000).nMels(20).fMaxHz(8000).build()}. Defaults are
     * torchaudio's {@code MelSpectrogram}'s: f_min 0 Hz, f_max sr/2, no normalisation, the HTK scale.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MelFilterbank}; {@code nFft} (or {@code nFreqs}), {@code sampleRate} and {@code nMels} are needed. */
    public static final class Builder {
        private int nFreqs;
        private int sampleRate;
        private int nMels;
        private double fMinHz;
        private Double fMaxHz;
        private Norm norm = Norm.NONE;
        private MelScale melScale = MelScale.HTK;

        private Builder() {
        }

        /** @param nFft the STFT's FFT size: the filterbank covers its {@code nFft/2 + 1} bins */
        public Builder nFft(int nFft) {
            this.nFreqs = nFft / 2 + 1;
            return this;
        }

        /** @param bins the STFT's frequency bins, {@code nFft/2 + 1} */
        public Builder nFreqs(int bins) {
            this.nFreqs = bins;
            return this;
        }

        /** @param hz the sample rate, in Hz */
        public Builder sampleRate(int hz) {
            this.sampleRate = hz;
            return this;
        }

        /** @param count the number of triangular filters */
        public Builder nMels(int count) {
            this.nMels = count;
            return this;
        }

        /** @param hz the lowest edge (default 0 Hz) */
        public Builder fMinHz(double hz) {
            this.fMinHz = hz;
            return this;
        }

        /** @param hz the highest edge (default sr/2) */
        public Builder fMaxHz(double hz) {
            this.fMaxHz = hz;
            return this;
        }

        /** @param value the filters' normalisation (default none) */
        public Builder norm(Norm value) {
            this.norm = java.util.Objects.requireNonNull(value, "norm");
            return this;
        }

        /** @param scale the mel scale (default HTK) */
        public Builder melScale(MelScale scale) {
            this.melScale = java.util.Objects.requireNonNull(scale, "melScale");
            return this;
        }

        public MelFilterbank build() {
            if (nFreqs < 2 || sampleRate <= 0 || nMels < 1) {
                throw new IllegalArgumentException("a mel filterbank needs nFft (or nFreqs ≥ 2), sampleRate > 0 and"
                        + " nMels ≥ 1; got nFreqs " + nFreqs + ", sampleRate " + sampleRate + ", nMels " + nMels);
            }
            return create(nFreqs, fMinHz, fMaxHz != null ? fMaxHz : sampleRate / 2.0, nMels, sampleRate, norm, melScale);
        }
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
        return emptyFilters.length;
    }

    /**
     * @return the indices of the filters whose weights are all zero, ascending (none for normal settings such as
     *         80 mels at n_fft 400 and 16 kHz)
     */
    public int[] emptyFilters() {
        return emptyFilters.clone();
    }

    /** @return the warning printed when this filterbank was made (some filter empty), or empty */
    public Optional<String> warning() {
        return warning;
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
                linear.centered(), melScale, fMinHz, fMaxHz).startingAt(linear.startSeconds());
    }

    /** @return the weights without copying, for {@link Spectral}'s functions (callers must not write to them) */
    double[][] weightsView() {
        return weights;
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
     * @return {@code [nMels][frames]}, {@link Spectral#melSpectrogram(double[][], double[][])}
     */
    double[][] apply(double[][] linear) {
        return Spectral.melSpectrogram(linear, weights);
    }
}
