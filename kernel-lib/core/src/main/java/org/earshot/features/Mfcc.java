package org.earshot.features;

import java.util.Objects;

import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;

/**
 * Sound → mel-frequency cepstral coefficients (§21.1), as {@code torchaudio.transforms.MFCC}: a mel power
 * spectrogram, in dB with a {@code top_db} floor of 80 dB ({@link Spectrogram#toDecibels(double)}), then a DCT-II
 * ({@link Dct}, orthonormal) along the mel axis, keeping the first {@code nMfcc} coefficients:
 *
 * <pre>c[k, t] = Σ_m C[k, m] · 10·log10(max(M[m, t], 1e-10))</pre>
 *
 * With {@code logMels} the log is {@code ln(M + 1e-6)} instead of dB, as torchaudio's {@code log_mels=True}.
 * Defaults follow torchaudio's: n_mfcc 40, and the {@link MelSpectrogram} defaults (n_mels 128, n_fft 400, hop 200).
 */
public final class Mfcc {

    private final MelSpectrogram melSpectrogram;
    private final double[][] dct;
    private final double topDb;
    private final boolean logMels;

    private Mfcc(Builder b) {
        this.melSpectrogram = b.mel.build();
        this.dct = Dct.matrix(b.nMfcc, melSpectrogram.filterbank().melCount(), b.ortho);
        this.topDb = b.topDb;
        this.logMels = b.logMels;
    }

    /** @return a builder with torchaudio's defaults */
    public static Builder builder() {
        return new Builder();
    }

    public MelSpectrogram melSpectrogram() {
        return melSpectrogram;
    }

    /**
     * @param audio a sound at the transform's sample rate
     * @return {@code [nMfcc][frames]} coefficients
     */
    public FeatureFrames apply(Audio audio) {
        Spectrogram mel = melSpectrogram.apply(audio);
        double[][] logMel;
        if (logMels) {
            logMel = mel.values();
            for (double[] row : logMel) {
                for (int t = 0; t < row.length; t++) {
                    row[t] = Math.log(row[t] + 1e-6);
                }
            }
        } else {
            logMel = mel.toDecibels(topDb).values();
        }
        return new FeatureFrames(Dct.apply(dct, logMel), "MFCC", mel.sampleRate(), mel.hopLength(), mel.nFft(),
                mel.centered());
    }

    /** Builds an {@link Mfcc}. */
    public static final class Builder {
        private final MelSpectrogram.Builder mel = MelSpectrogram.builder();
        private int nMfcc = 40;
        private boolean ortho = true;
        private double topDb = 80.0;
        private boolean logMels;

        private Builder() {
        }

        /** @param hz the audio's sample rate (default 16000) */
        public Builder sampleRate(int hz) {
            mel.sampleRate(hz);
            return this;
        }

        /** @param n coefficients kept (default 40; ≤ n_mels) */
        public Builder nMfcc(int n) {
            this.nMfcc = n;
            return this;
        }

        /** @param n mel filters (default 128) */
        public Builder nMels(int n) {
            mel.nMels(n);
            return this;
        }

        /** @param n FFT size (default 400) */
        public Builder nFft(int n) {
            mel.nFft(n);
            return this;
        }

        /** @param samples window length (default n_fft) */
        public Builder winLength(int samples) {
            mel.winLength(samples);
            return this;
        }

        /** @param samples frame step (default win_length/2) */
        public Builder hopLength(int samples) {
            mel.hopLength(samples);
            return this;
        }

        /** @param hz lowest mel filter edge (default 0) */
        public Builder fMinHz(double hz) {
            mel.fMinHz(hz);
            return this;
        }

        /** @param hz highest mel filter edge (default sample_rate/2) */
        public Builder fMaxHz(double hz) {
            mel.fMaxHz(hz);
            return this;
        }

        /** @param scale mel scale (default HTK) */
        public Builder melScale(MelScale scale) {
            mel.melScale(Objects.requireNonNull(scale, "melScale"));
            return this;
        }

        /** @param n mel filter normalisation (default none) */
        public Builder norm(MelFilterbank.Norm n) {
            mel.norm(n);
            return this;
        }

        /** @param orthonormal DCT normalisation (default true, torchaudio's {@code norm="ortho"}) */
        public Builder orthonormal(boolean orthonormal) {
            this.ortho = orthonormal;
            return this;
        }

        /** @param db dB floor below the maximum (default 80; {@code Double.POSITIVE_INFINITY} for none) */
        public Builder topDb(double db) {
            this.topDb = db;
            return this;
        }

        /** @param ln use {@code ln(mel + 1e-6)} instead of dB (default false) */
        public Builder logMels(boolean ln) {
            this.logMels = ln;
            return this;
        }

        public Mfcc build() {
            return new Mfcc(this);
        }
    }
}
