package org.earshot.signal;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The short-time Fourier transform (§21.1): slide a window of {@code winLength} samples along the signal in steps
 * of {@code hopLength}, and take the DFT of each windowed frame (zero-padded to {@code nFft}):
 *
 * <pre>X[k, t] = Σ_{n=0}^{nFft−1} x[t·hop + n] · w[n] · e^{−2πi·k·n/nFft},   k = 0 … nFft/2</pre>
 *
 * <p>Conventions follow {@code torch.stft}: with {@code center} the signal is reflect-padded by {@code nFft/2} on
 * both sides so frame {@code t} is centred at sample {@code t·hop}, giving {@code 1 + ⌊len/hop⌋} frames (else
 * {@code 1 + ⌊(len − nFft)/hop⌋}); a window shorter than {@code nFft} is zero-padded on both sides to centre it;
 * the window is periodic. The FFT is JTransforms' real-input transform.
 *
 * <p>Immutable; build with {@link #builder()}: {@code Stft.builder().nFft(400).hopLength(160).build()}.
 */
public final class Stft {

    private final int nFft;
    private final int hopLength;
    private final int winLength;
    private final Window window;
    private final boolean center;
    private final double[] paddedWindow;

    private Stft(Builder b) {
        int win = b.winLength == 0 ? b.nFft : b.winLength;
        int hop = b.hopLength == 0 ? win / 4 : b.hopLength;
        if (b.nFft < 1 || hop < 1) {
            throw new IllegalArgumentException("n_fft (" + b.nFft + ") and hop_length (" + hop + ") must be ≥ 1");
        }
        if (win > b.nFft) {
            throw new IllegalArgumentException("n_fft (" + b.nFft + ") must be ≥ win_length (" + win + ")");
        }
        this.nFft = b.nFft;
        this.hopLength = hop;
        this.winLength = win;
        this.window = b.window;
        this.center = b.center;
        this.paddedWindow = new double[nFft];
        System.arraycopy(window.coefficients(win, true), 0, paddedWindow, (nFft - win) / 2, win);
    }

    /** @return a builder with torchaudio's defaults: n_fft 400, win_length = n_fft, hop = win_length/4, Hann, centred */
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

    /**
     * @param signalLength samples in the signal
     * @return how many frames the STFT has
     */
    public int frameCount(int signalLength) {
        int padded = center ? signalLength + 2 * (nFft / 2) : signalLength;
        if (padded < nFft) {
            throw new IllegalArgumentException("signal of " + signalLength + " samples is shorter than n_fft (" + nFft
                    + ")" + (center ? " after padding" : ""));
        }
        return 1 + (padded - nFft) / hopLength;
    }

    /**
     * The power spectrogram {@code |X[k, t]|²} of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code [nFft/2 + 1][frames]} power, with the sound's sample rate and this transform's hop
     */
    public Spectrogram power(Audio audio) {
        return spectrogram(audio, Spectrogram.Amplitude.POWER);
    }

    /**
     * The magnitude spectrogram {@code |X[k, t]|} of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code [nFft/2 + 1][frames]} magnitude
     */
    public Spectrogram magnitude(Audio audio) {
        return spectrogram(audio, Spectrogram.Amplitude.MAGNITUDE);
    }

    private Spectrogram spectrogram(Audio audio, Spectrogram.Amplitude amplitude) {
        float[] x = audio.samples();
        double[] signal = center ? reflectPad(x, nFft / 2) : toDouble(x);
        int frames = frameCount(x.length);
        int bins = nFft / 2 + 1;
        double[][] out = new double[bins][frames];
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[] frame = new double[nFft];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength;
            for (int n = 0; n < nFft; n++) {
                frame[n] = signal[start + n] * paddedWindow[n];
            }
            fft.realForward(frame);
            for (int k = 0; k < bins; k++) {
                double re = re(frame, k);
                double im = im(frame, k);
                double p = re * re + im * im;
                out[k][t] = amplitude == Spectrogram.Amplitude.POWER ? p : Math.sqrt(p);
            }
        }
        return Spectrogram.linear(out, amplitude, audio.sampleRate(), nFft, hopLength, center);
    }

    /** Real part of bin k in JTransforms' packed {@code realForward} layout. */
    private double re(double[] a, int k) {
        if (k == 0) {
            return a[0];
        }
        if (nFft % 2 == 0) {
            return k == nFft / 2 ? a[1] : a[2 * k];
        }
        return k == (nFft - 1) / 2 ? a[nFft - 1] : a[2 * k];
    }

    /** Imaginary part of bin k in JTransforms' packed {@code realForward} layout. */
    private double im(double[] a, int k) {
        if (k == 0 || (nFft % 2 == 0 && k == nFft / 2)) {
            return 0;
        }
        if (nFft % 2 == 1 && k == (nFft - 1) / 2) {
            return nFft == 1 ? 0 : a[1];
        }
        return a[2 * k + 1];
    }

    /**
     * Reflect padding as {@code torch.nn.functional.pad(mode="reflect")}: the edge sample is not repeated, so
     * {@code [a b c d]} padded by 2 is {@code [c b a b c d c b]}.
     */
    static double[] reflectPad(float[] x, int pad) {
        if (pad >= x.length) {
            throw new IllegalArgumentException("reflect padding of " + pad + " needs more than " + pad
                    + " samples, got " + x.length);
        }
        double[] y = new double[x.length + 2 * pad];
        for (int i = 0; i < y.length; i++) {
            int j = i - pad;
            if (j < 0) {
                j = -j;
            } else if (j >= x.length) {
                j = 2 * (x.length - 1) - j;
            }
            y[i] = x[j];
        }
        return y;
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** Builds an {@link Stft}; unset lengths take torchaudio's derived defaults. */
    public static final class Builder {
        private int nFft = 400;
        private int hopLength;
        private int winLength;
        private Window window = Window.HANN;
        private boolean center = true;

        private Builder() {
        }

        /** @param n FFT size in samples (default 400) */
        public Builder nFft(int n) {
            this.nFft = n;
            return this;
        }

        /** @param samples frame step in samples (default win_length / 4) */
        public Builder hopLength(int samples) {
            this.hopLength = samples;
            return this;
        }

        /** @param samples window length in samples, ≤ n_fft (default n_fft) */
        public Builder winLength(int samples) {
            this.winLength = samples;
            return this;
        }

        /** @param w the window (default Hann, periodic) */
        public Builder window(Window w) {
            this.window = java.util.Objects.requireNonNull(w, "window");
            return this;
        }

        /** @param centred whether to reflect-pad so frames are centred on t·hop (default true) */
        public Builder center(boolean centred) {
            this.center = centred;
            return this;
        }

        public Stft build() {
            return new Stft(this);
        }
    }
}
