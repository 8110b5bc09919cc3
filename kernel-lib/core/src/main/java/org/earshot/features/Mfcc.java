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
 *
 * <p>{@link #apply(Audio)} is {@link MelSpectrogram#apply}, then {@link Spectral#powerToDb} (or
 * {@link Spectral#log}), then {@link Spectral#mfcc(double[][], double[][])} with the DCT matrix made once here.
 */
public final class Mfcc {

    private final MelSpectrogram melSpectrogram;
    private final double[][] dct;
    private final double topDb;
    private final boolean logMels;

    private Mfcc(Builder b) {
        this.melSpectrogram = b.mel.build();
        this.dct = Dct.matrix(b.nMfcc, melSpectrogram.filterbank().melCount(), b.dctNorm);
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
     * @return {@code [nMfcc][frames]} coefficients, their times from the sound's start ({@code Audio.startSeconds()})
     */
    public FeatureFrames apply(Audio audio) {
        Spectrogram mel = melSpectrogram.apply(audio);
        double[][] logMel = logMels ? Spectral.log(mel.values(), Spectral.LOG_MEL_OFFSET)
                : mel.toDecibels(topDb).values();
        return new FeatureFrames(Spectral.mfcc(logMel, dct), "MFCC", mel.sampleRate(), mel.hopLength(), mel.nFft(),
                mel.centered()).startingAt(mel.startSeconds());
    }

    /** Builds an {@link Mfcc}. */
    public static final class Builder {
        private final MelSpectrogram.Builder mel = MelSpectrogram.builder();
        private int nMfcc = 40;
        private Dct.Norm dctNorm = Dct.Norm.ORTHO;
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
            this.dctNorm = orthonormal ? Dct.Norm.ORTHO : Dct.Norm.NONE;
            return this;
        }

        /** @param norm DCT normalisation (default {@link Dct.Norm#ORTHO}, torchaudio's {@code norm="ortho"}) */
        public Builder dctNorm(Dct.Norm norm) {
            this.dctNorm = Objects.requireNonNull(norm, "norm");
            return this;
        }

        /** @param mode how a centred signal is padded (default reflect) */
        public Builder padMode(PadMode mode) {
            mel.padMode(mode);
            return this;
        }

        /** @param db dB floor below the maximum (> 0; default 80; {@code Double.POSITIVE_INFINITY} for none) */
        public Builder topDb(double db) {
            if (!(db > 0)) {
                throw new IllegalArgumentException("top_db must be > 0 dB (Double.POSITIVE_INFINITY for none), got "
                        + db);
            }
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
