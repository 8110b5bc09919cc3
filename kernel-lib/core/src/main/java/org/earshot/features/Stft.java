package org.earshot.features;

import java.util.Objects;
import java.util.stream.IntStream;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.jtransforms.fft.DoubleFFT_1D;

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
 * <p>Immutable; build with {@link #builder()}: {@code Stft.builder().nFft(400).hopLength(160).build()}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.stft.html">torch.stft</a>
 */
public final class Stft {

    /** Frames per parallel task: large enough that splitting costs nothing, small enough to balance 2+ cores. */
    static final int FRAMES_PER_TASK = 512;

    private final int nFft;
    private final int hopLength;
    private final int winLength;
    private final Window window;
    private final boolean center;
    private final double[] paddedWindow;
    /** One FFT plan per thread: JTransforms plans keep work space, so threads must not share one. */
    private final ThreadLocal<DoubleFFT_1D> plans;

    private Stft(Builder b) {
        int win = b.winLength == 0 ? b.nFft : b.winLength;
        int hop = b.hopLength == 0 ? win / 2 : b.hopLength;
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
        int size = nFft;
        this.plans = ThreadLocal.withInitial(() -> new DoubleFFT_1D(size));
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

    /** @return the window zero-padded to n_fft, centred, as applied to each frame */
    public double[] frameWindow() {
        return paddedWindow.clone();
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
        return Spectrogram.linear(bins(audio, true), Spectrogram.Amplitude.POWER, audio.sampleRate(), nFft, hopLength,
                center);
    }

    /**
     * The magnitude spectrogram {@code |X[k, t]|} of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code [nFft/2 + 1][frames]} magnitude
     */
    public Spectrogram magnitude(Audio audio) {
        return Spectrogram.linear(bins(audio, false), Spectrogram.Amplitude.MAGNITUDE, audio.sampleRate(), nFft,
                hopLength, center);
    }

    /**
     * The complex STFT of a sound (its mixdown when it has several channels).
     *
     * @param audio the sound
     * @return {@code X[k, t]}, {@code [nFft/2 + 1][frames]}
     */
    public ComplexSpectrogram complex(Audio audio) {
        float[] signal = signal(audio);
        int frames = frameCount(audio.frameCount());
        int bins = nFft / 2 + 1;
        double[][] re = new double[bins][frames];
        double[][] im = new double[bins][frames];
        forFrames(signal, frames, (t, frame) -> {
            for (int k = 0; k < bins; k++) {
                re[k][t] = re(frame, k);
                im[k][t] = im(frame, k);
            }
        });
        return new ComplexSpectrogram(re, im, audio.sampleRate(), nFft, hopLength, center);
    }

    /**
     * The inverse STFT by weighted overlap-add, as {@code torch.istft}: each frame's inverse DFT is multiplied by
     * the window again, summed at its position, and the sum divided by the overlapped squared window
     * {@code Σ_t w²[n − t·hop]}. When that envelope never vanishes (Hann with hop ≤ n_fft/2 …) this recovers the
     * signal exactly: {@code inverse(complex(x), len(x)) = x}.
     *
     * @param x      a complex STFT made with this transform's n_fft, hop and centring
     * @param length samples of the signal to return
     * @return the signal
     * @throws IllegalArgumentException when the framing differs, or the window envelope vanishes where a sample is
     *                                  needed (the overlap-add condition fails)
     */
    public Audio inverse(ComplexSpectrogram x, int length) {
        if (x.nFft() != nFft || x.hopLength() != hopLength || x.centered() != center) {
            throw new IllegalArgumentException("this STFT has n_fft " + nFft + ", hop " + hopLength + ", center " + center
                    + " but the spectrogram was made with n_fft " + x.nFft() + ", hop " + x.hopLength() + ", center "
                    + x.centered());
        }
        int frames = x.frameCount();
        int total = nFft + hopLength * (frames - 1);
        double[] out = new double[total];
        double[] envelope = new double[total];
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[] frame = new double[nFft];
        for (int t = 0; t < frames; t++) {
            pack(x, t, frame);
            fft.realInverse(frame, true);
            int start = t * hopLength;
            for (int n = 0; n < nFft; n++) {
                out[start + n] += frame[n] * paddedWindow[n];
                envelope[start + n] += paddedWindow[n] * paddedWindow[n];
            }
        }
        int offset = center ? nFft / 2 : 0;
        if (offset + length > total) {
            throw new IllegalArgumentException(length + " samples asked, but " + frames + " frames cover only "
                    + (total - offset));
        }
        float[] y = new float[length];
        for (int n = 0; n < length; n++) {
            double e = envelope[offset + n];
            if (e < 1e-11) {
                throw new IllegalArgumentException("window overlap-add envelope vanishes at sample " + n
                        + ": hop " + hopLength + " is too large for this window");
            }
            y[n] = (float) (out[offset + n] / e);
        }
        return Audio.mono(y, x.sampleRate());
    }

    private double[][] bins(Audio audio, boolean power) {
        double[][] out = new double[nFft / 2 + 1][frameCount(audio.frameCount())];
        forEachPowerFrame(audio, (t, p) -> {
            for (int k = 0; k < p.length; k++) {
                out[k][t] = power ? p[k] : Math.sqrt(p[k]);
            }
        });
        return out;
    }

    private interface FrameTask {
        void accept(int t, double[] transformedFrame);
    }

    /** Receives one frame's power spectrum {@code |X[k, t]|²}, {@code k = 0 … nFft/2}, in a reused buffer. */
    interface PowerFrameTask {
        void accept(int t, double[] power);
    }

    /** Receives the frames of one parallel block, {@code [from, to)}, once they have all been passed on. */
    interface BlockDone {
        void accept(int from, int to);
    }

    /**
     * Calls {@code task} with the power spectrum of every frame of the sound, in parallel blocks and without
     * storing a spectrogram: the fused path of {@link MelSpectrogram}.
     *
     * @return the number of frames
     */
    int forEachPowerFrame(Audio audio, PowerFrameTask task) {
        return forEachPowerFrame(audio, task, (from, to) -> { });
    }

    /** As {@link #forEachPowerFrame(Audio, PowerFrameTask)}, telling {@code done} when each block is complete. */
    int forEachPowerFrame(Audio audio, PowerFrameTask task, BlockDone done) {
        float[] signal = signal(audio);
        int frames = frameCount(audio.frameCount());
        int bins = nFft / 2 + 1;
        ThreadLocal<double[]> buffers = ThreadLocal.withInitial(() -> new double[bins]);
        int half = nFft / 2;
        boolean even = nFft % 2 == 0;
        forFrames(signal, frames, (t, a) -> {
            double[] power = buffers.get();
            power[0] = a[0] * a[0];
            if (even) {
                for (int k = 1; k < half; k++) {
                    power[k] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
                }
                if (half > 0) {
                    power[half] = a[1] * a[1];
                }
            } else {
                for (int k = 1; k < bins; k++) {
                    power[k] = re(a, k) * re(a, k) + im(a, k) * im(a, k);
                }
            }
            task.accept(t, power);
        }, done);
        return frames;
    }

    /**
     * Runs {@code task} on the DFT of every windowed frame of {@code signal}, in parallel blocks; each block owns
     * an FFT plan and a buffer, so nothing is allocated per frame.
     */
    private void forFrames(float[] signal, int frames, FrameTask task) {
        forFrames(signal, frames, task, (from, to) -> { });
    }

    private void forFrames(float[] signal, int frames, FrameTask task, BlockDone done) {
        int blocks = (frames + FRAMES_PER_TASK - 1) / FRAMES_PER_TASK;
        int pad = center ? nFft / 2 : 0;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            DoubleFFT_1D fft = plans.get();
            double[] frame = new double[nFft];
            for (int t = b * FRAMES_PER_TASK; t < Math.min(frames, (b + 1) * FRAMES_PER_TASK); t++) {
                int start = t * hopLength - pad; // index of frame sample 0 in the unpadded signal
                if (start >= 0 && start + nFft <= signal.length) {
                    for (int n = 0; n < nFft; n++) {
                        frame[n] = signal[start + n] * paddedWindow[n];
                    }
                } else {
                    for (int n = 0; n < nFft; n++) {
                        frame[n] = signal[reflect(start + n, signal.length)] * paddedWindow[n];
                    }
                }
                fft.realForward(frame);
                task.accept(t, frame);
            }
            done.accept(b * FRAMES_PER_TASK, Math.min(frames, (b + 1) * FRAMES_PER_TASK));
        });
    }

    /** Index {@code i} of the signal reflect-padded on both sides (edge not repeated), as {@link #reflectPad}. */
    private static int reflect(int i, int length) {
        if (i < 0) {
            return -i;
        }
        return i >= length ? 2 * (length - 1) - i : i;
    }

    private float[] signal(Audio audio) {
        float[] x = audio.samples();
        if (center && nFft / 2 >= x.length) {
            throw new IllegalArgumentException("reflect padding of " + nFft / 2 + " needs more than " + nFft / 2
                    + " samples, got " + x.length);
        }
        return x;
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

    /** Writes frame t of {@code x} into {@code a} in JTransforms' packed layout (inverse of {@link #re}/{@link #im}). */
    private void pack(ComplexSpectrogram x, int t, double[] a) {
        a[0] = x.re(0, t);
        int half = nFft / 2;
        if (nFft % 2 == 0) {
            if (nFft > 1) {
                a[1] = x.re(half, t);
            }
            for (int k = 1; k < half; k++) {
                a[2 * k] = x.re(k, t);
                a[2 * k + 1] = x.im(k, t);
            }
        } else {
            int last = (nFft - 1) / 2;
            for (int k = 1; k < last; k++) {
                a[2 * k] = x.re(k, t);
                a[2 * k + 1] = x.im(k, t);
            }
            if (last >= 1) {
                a[nFft - 1] = x.re(last, t);
                a[1] = x.im(last, t);
            }
        }
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

        /** @param samples frame step in samples (default win_length / 2) */
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
            this.window = Objects.requireNonNull(w, "window");
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
