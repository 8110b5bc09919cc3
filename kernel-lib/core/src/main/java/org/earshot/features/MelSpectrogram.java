package org.earshot.features;

import java.util.Objects;
import java.util.OptionalDouble;

import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;

/**
 * Sound → mel spectrogram (§21.1), as {@code torchaudio.transforms.MelSpectrogram}: the STFT power (or magnitude)
 * spectrogram passed through a {@link MelFilterbank}. The STFT window and the filterbank are made once, in
 * {@link Builder#build()}; {@link #apply(Audio)} only computes.
 *
 * <p>Defaults and names follow torchaudio: sample_rate 16000, n_fft 400, win_length = n_fft,
 * hop_length = win_length/2, f_min 0, f_max = sample_rate/2, n_mels 128, power 2, Hann, centred, norm none, HTK.
 * The log-mel spectrogram of the lessons is {@code apply(audio).toDecibels()}.
 *
 * <p>{@link #apply(Audio)} is {@link Spectral#melSpectrogram(double[], int, int, double[], boolean, PadMode, double,
 * double[][])} with this transform's window and filterbank, labelled. Note that torchaudio's default of 128 mels
 * at n_fft 400 leaves some filters empty, and says so (see {@link MelFilterbank#warning()}); 80 or fewer do not.
 */
public final class MelSpectrogram {

    private final int sampleRate;
    private final Stft stft;
    private final MelFilterbank filterbank;
    private final double power;

    private MelSpectrogram(Builder b) {
        if (b.power != 1.0 && b.power != 2.0) {
            throw new IllegalArgumentException("power must be 1 (magnitude) or 2 (power), got " + b.power);
        }
        this.sampleRate = b.sampleRate;
        this.stft = b.stft.build();
        this.filterbank = MelFilterbank.create(stft.nFft() / 2 + 1, b.fMinHz, b.fMaxHz(), b.nMels, sampleRate, b.norm,
                b.melScale);
        this.power = b.power;
    }

    /** @return a builder with torchaudio's defaults */
    public static Builder builder() {
        return new Builder();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public Stft stft() {
        return stft;
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    /**
     * @param audio a sound at this transform's sample rate (its mixdown is used)
     * @return {@code [nMels][frames]} mel power (or magnitude) spectrogram
     * @throws IllegalArgumentException when the sound's sample rate differs (resample it first)
     */
    public Spectrogram apply(Audio audio) {
        if (audio.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("wrong sample rate: this mel spectrogram is for " + sampleRate
                    + " Hz audio, got " + audio.sampleRate() + " Hz (resample it first)");
        }
        double[][] mel = Spectral.melSpectrogram(Spectral.Samples.of(audio), stft.nFft(), stft.hopLength(),
                stft.coefficientsView(), stft.center(), stft.padMode(), power, filterbank.weightsView());
        Spectrogram.Amplitude amplitude = power == 2.0 ? Spectrogram.Amplitude.POWER : Spectrogram.Amplitude.MAGNITUDE;
        return Spectrogram.mel(mel, amplitude, sampleRate, stft.nFft(), stft.hopLength(), stft.center(),
                filterbank.melScale(), filterbank.fMinHz(), filterbank.fMaxHz()).startingAt(audio.startSeconds());
    }

    /**
     * @param values    {@code [nMels][frames]} values on this transform's bands and frames that did not come from
     *                  {@link #apply} (e.g. a TTS acoustic model's prediction)
     * @param amplitude what they are: power, magnitude or dB
     * @return them as the spectrogram they stand for, starting at 0 s
     * @throws IllegalArgumentException when there is not one row a mel band, or no frames
     */
    public Spectrogram spectrogramOf(double[][] values, Spectrogram.Amplitude amplitude) {
        if (values.length != filterbank.melCount() || values[0].length == 0) {
            throw new IllegalArgumentException("want " + filterbank.melCount() + " mel bands of ≥ 1 frame, got "
                    + values.length + (values.length == 0 ? "" : " of " + values[0].length));
        }
        return Spectrogram.mel(values, amplitude, sampleRate, stft.nFft(), stft.hopLength(), stft.center(),
                filterbank.melScale(), filterbank.fMinHz(), filterbank.fMaxHz());
    }

    /**
     * Builds a {@link MelSpectrogram}; the framing options go to an {@link Stft.Builder} and keep its derived
     * defaults (win_length = n_fft, hop_length = win_length / 2); f_max not set is {@code ⌊sample_rate/2⌋} at
     * {@link #build()}, as torchaudio's {@code float(sample_rate // 2)}, whatever the order of the calls.
     */
    public static final class Builder {
        private final Stft.Builder stft = Stft.builder();
        private int sampleRate = 16000;
        private double fMinHz;
        private OptionalDouble fMaxHz = OptionalDouble.empty();
        private int nMels = 128;
        private double power = 2.0;
        private MelFilterbank.Norm norm = MelFilterbank.Norm.NONE;
        private MelScale melScale = MelScale.HTK;

        private Builder() {
        }

        /** @param hz the audio's sample rate (> 0; default 16000) */
        public Builder sampleRate(int hz) {
            if (hz < 1) {
                throw new IllegalArgumentException("sample_rate must be > 0 Hz, got " + hz);
            }
            this.sampleRate = hz;
            return this;
        }

        /** @param n FFT size in samples (default 400) */
        public Builder nFft(int n) {
            stft.nFft(n);
            return this;
        }

        /** @param samples window length (default n_fft) */
        public Builder winLength(int samples) {
            stft.winLength(samples);
            return this;
        }

        /** @param samples frame step (default win_length/2) */
        public Builder hopLength(int samples) {
            stft.hopLength(samples);
            return this;
        }

        /** @param hz lowest filter edge (default 0) */
        public Builder fMinHz(double hz) {
            this.fMinHz = hz;
            return this;
        }

        /** @param hz highest filter edge, in Hz (default ⌊sample_rate/2⌋) */
        public Builder fMaxHz(double hz) {
            this.fMaxHz = OptionalDouble.of(hz);
            return this;
        }

        /** @return the f_max {@link #build()} will use: the one set, else {@code ⌊sample_rate/2⌋} */
        public double fMaxHz() {
            return fMaxHz.orElse(Math.floorDiv(sampleRate, 2));
        }

        /** @param n number of mel filters (default 128) */
        public Builder nMels(int n) {
            this.nMels = n;
            return this;
        }

        /** @param p 2 for power (default), 1 for magnitude */
        public Builder power(double p) {
            this.power = p;
            return this;
        }

        /** @param w analysis window (default Hann) */
        public Builder window(Window w) {
            stft.window(w);
            return this;
        }

        /** @param centred pad so frames are centred on t·hop (default true) */
        public Builder center(boolean centred) {
            stft.center(centred);
            return this;
        }

        /** @param mode how a centred signal is padded (default reflect) */
        public Builder padMode(PadMode mode) {
            stft.padMode(mode);
            return this;
        }

        /** @param n filter normalisation (default none) */
        public Builder norm(MelFilterbank.Norm n) {
            this.norm = Objects.requireNonNull(n, "norm");
            return this;
        }

        /** @param scale mel scale (default HTK) */
        public Builder melScale(MelScale scale) {
            this.melScale = Objects.requireNonNull(scale, "melScale");
            return this;
        }

        public MelSpectrogram build() {
            return new MelSpectrogram(this);
        }
    }
}
