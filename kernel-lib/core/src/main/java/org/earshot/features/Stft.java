package org.earshot.features;

import java.util.Objects;
import java.util.OptionalInt;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;

/**
 * The short-time Fourier transform (§21.1): slide a window of {@code winLength} samples along the signal in steps
 * of {@code hopLength}, and take the DFT of each windowed frame (zero-padded to {@code nFft}):
 *
 * <pre>X[k, t] = Σ_{n=0}^{nFft−1} x[t·hop + n] · w[n] · e^{−2πi·k·n/nFft},   k = 0 … nFft/2</pre>
 *
 * <p>Conventions follow {@code torch.stft} as torchaudio calls it: with {@code center} the signal is reflect-padded
 * by {@code nFft/2} on both sides so frame {@code t} is centred at sample {@code t·hop}, giving
 * {@code 1 + ⌊len/hop⌋} frames (else {@code 1 + ⌊(len − nFft)/hop⌋}); a window shorter than {@code nFft} is
 * zero-padded on both sides to centre it; the window is periodic. The FFT is JTransforms' real-input transform;
 * frames are computed in parallel, each thread with its own buffers.
 *
 * <p>Immutable; build with {@link #builder()}: {@code Stft.builder().nFft(400).hopLength(160).build()}. The
 * transform computes its window once and labels what {@link Spectral#stft}, {@link Spectral#spectrogram} and
 * {@link Spectral#istft} compute.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.stft.html">torch.stft</a>
 */
public final class Stft {

    private final int nFft;
    private final int hopLength;
    private final int winLength;
    private final Window window;
    private final boolean center;
    private final PadMode padMode;
    private final double[] coefficients; // [winLength], periodic

    private Stft(Builder b) {
        int win = b.winLength.orElse(b.nFft);
        if (win > b.nFft) {
            throw new IllegalArgumentException("n_fft (" + b.nFft + ") must be ≥ win_length (" + win + ")");
        }
        int hop = b.hopLength.orElse(win / 2);
        if (hop < 1) {
            throw new IllegalArgumentException("hop_length defaults to win_length / 2 = " + hop + " for win_length "
                    + win + "; set hopLength(…) ≥ 1");
        }
        this.nFft = b.nFft;
        this.hopLength = hop;
        this.winLength = win;
        this.window = b.window;
        this.center = b.center;
        this.padMode = b.padMode;
        this.coefficients = window.coefficients(win, true);
    }

    /**
     * @return a builder with torchaudio's {@code Spectrogram} defaults: n_fft 400, win_length = n_fft,
     *         hop_length = win_length / 2, periodic Hann window, centred frames
     */
    public static Builder builder() {
        return new Builder();
    }

    public int nFft() {
        return nFft;
    }

    public int hopLength() {
        return hopLength;
    }

    public int winLength() {
        return winLength;
    }

    public Window window() {
        return window;
    }

    public boolean center() {
        return center;
    }

    /** @return how a centred signal is padded at its ends */
    public PadMode padMode() {
        return padMode;
    }

    /** @return the window zero-padded to n_fft, centred, as applied to each frame */
    public double[] frameWindow() {
        return Spectral.frameWindow(coefficients, nFft);
    }

    /**
     * @param signalLength samples in the signal
     * @return how many frames the STFT has
     */
    public int frameCount(int signalLength) {
        return Spectral.frameCount(signalLength, nFft, hopLength, center);
    }

    /**
     * The power spectrogram {@code |X[k, t]|²} of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code [nFft/2 + 1][frames]} power, with the sound's sample rate and start time and this transform's
     *         hop
     */
    public Spectrogram power(Audio audio) {
        return Spectrogram.linear(spectrogram(audio, 2.0), Spectrogram.Amplitude.POWER, audio.sampleRate(), nFft,
                hopLength, center).startingAt(audio.startSeconds());
    }

    /**
     * The magnitude spectrogram {@code |X[k, t]|} of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code [nFft/2 + 1][frames]} magnitude, with the sound's sample rate and start time
     */
    public Spectrogram magnitude(Audio audio) {
        return Spectrogram.linear(spectrogram(audio, 1.0), Spectrogram.Amplitude.MAGNITUDE, audio.sampleRate(), nFft,
                hopLength, center).startingAt(audio.startSeconds());
    }

    /**
     * The complex STFT of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code X[k, t]}, {@code [nFft/2 + 1][frames]}
     */
    public ComplexSpectrogram complex(Audio audio) {
        return new ComplexSpectrogram(Spectral.stft(Spectral.Samples.of(audio), nFft, hopLength, coefficients, center,
                padMode), audio.sampleRate(), nFft, hopLength, center, audio.startSeconds());
    }

    /**
     * The inverse STFT by weighted overlap-add, as {@code torch.istft}: each frame's inverse DFT is multiplied by
     * the window again, summed at its position, and the sum divided by the overlapped squared window
     * {@code Σ_t w²[n − t·hop]}. When that envelope never vanishes (Hann with hop ≤ n_fft/2 …) this recovers the
     * signal exactly: {@code inverse(complex(x), len(x)) = x}. See {@link Spectral#istft}.
     *
     * @param x      a complex STFT made with this transform's n_fft, hop and centring
     * @param length samples of the signal to return
     * @return the signal, starting where the analysed sound started
     * @throws IllegalArgumentException when the framing differs, or the window envelope vanishes where a sample is
     *                                  needed (the overlap-add condition fails)
     */
    public Audio inverse(ComplexSpectrogram x, int length) {
        if (x.nFft() != nFft || x.hopLength() != hopLength || x.centered() != center) {
            throw new IllegalArgumentException("this STFT has n_fft " + nFft + ", hop " + hopLength + ", center " + center
                    + " but the spectrogram was made with n_fft " + x.nFft() + ", hop " + x.hopLength() + ", center "
                    + x.centered());
        }
        double[] y = Spectral.istft(x.matrix(), nFft, hopLength, coefficients, center, length);
        return Audio.mono(y, x.sampleRate()).startingAt(x.startSeconds());
    }

    /** {@code |X|^power} of the sound's mixdown, {@code [nFft/2 + 1][frames]}. */
    double[][] spectrogram(Audio audio, double power) {
        return Spectral.spectrogram(Spectral.Samples.of(audio), nFft, hopLength, coefficients, center, padMode, power);
    }

    /** @return the window coefficients {@code [winLength]}, not copied (callers must not write to them) */
    double[] coefficientsView() {
        return coefficients;
    }

    /**
     * Reflect padding as {@code torch.nn.functional.pad(mode="reflect")}: the edge sample is not repeated, so
     * {@code [a b c d]} padded by 2 is {@code [c b a b c d c b]}.
     */
    static double[] reflectPad(float[] x, int pad) {
        PadMode.REFLECT.requireLength(x.length, pad);
        double[] y = new double[x.length + 2 * pad];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[PadMode.REFLECT.index(i - pad, x.length)];
        }
        return y;
    }

    /**
     * Builds an {@link Stft}. Lengths not set take torchaudio's derived defaults when {@link #build()} runs, whatever
     * the order of the calls: {@code win_length = n_fft}, {@code hop_length = win_length / 2} (integer division).
     */
    public static final class Builder {
        private int nFft = 400;
        private OptionalInt hopLength = OptionalInt.empty();
        private OptionalInt winLength = OptionalInt.empty();
        private Window window = Window.HANN;
        private boolean center = true;
        private PadMode padMode = PadMode.REFLECT;

        private Builder() {
        }

        /** @param n FFT size in samples (≥ 1; default 400) */
        public Builder nFft(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n_fft must be ≥ 1, got " + n);
            }
            this.nFft = n;
            return this;
        }

        /** @param samples frame step in samples (≥ 1; default win_length / 2) */
        public Builder hopLength(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("hop_length must be ≥ 1 sample, got " + samples
                        + " (leave it unset for win_length / 2)");
            }
            this.hopLength = OptionalInt.of(samples);
            return this;
        }

        /** @param samples window length in samples, {@code 1 ≤ win_length ≤ n_fft} (default n_fft) */
        public Builder winLength(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("win_length must be ≥ 1 sample, got " + samples
                        + " (leave it unset for n_fft)");
            }
            this.winLength = OptionalInt.of(samples);
            return this;
        }

        /** @param w the window (default Hann, periodic) */
        public Builder window(Window w) {
            this.window = Objects.requireNonNull(w, "window");
            return this;
        }

        /** @param centred whether to pad so frames are centred on t·hop (default true) */
        public Builder center(boolean centred) {
            this.center = centred;
            return this;
        }

        /** @param mode how a centred signal is padded (default {@link PadMode#REFLECT}, torchaudio's) */
        public Builder padMode(PadMode mode) {
            this.padMode = Objects.requireNonNull(mode, "padMode");
            return this;
        }

        /** @return the window length {@link #build()} will use: the one set, else n_fft */
        public int winLength() {
            return winLength.orElse(nFft);
        }

        /** @return the hop {@link #build()} will use: the one set, else win_length / 2 */
        public int hopLength() {
            return hopLength.orElse(winLength() / 2);
        }

        /**
         * @return the transform
         * @throws IllegalArgumentException when win_length > n_fft, or the derived hop is 0 (win_length 1)
         */
        public Stft build() {
            return new Stft(this);
        }
    }
}
