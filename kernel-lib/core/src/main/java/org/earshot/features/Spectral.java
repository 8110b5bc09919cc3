package org.earshot.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

import org.earshot.audio.Decibels;
import org.earshot.audio.Matrices;
import org.earshot.audio.MelScale;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The feature pipeline of §21.1 as pure functions, every parameter explicit, as {@code torchaudio.functional}:
 * samples → {@link #stft STFT} → {@link #power power} → {@link #melSpectrogram mel} → {@link #powerToDb dB} →
 * {@link #mfcc MFCC}. Each takes and returns plain arrays with documented shapes; nothing is cached or shared.
 *
 * <p>The transforms ({@link Stft}, {@link MelFilterbank}, {@link MelSpectrogram}, {@link Mfcc},
 * {@link org.earshot.audio.Spectrogram#toDecibels(double)}) precompute a window, a filterbank or a DCT matrix
 * from their builder's settings, label the result with its axes, and call these functions: each formula is
 * written once, here. Use the transforms in a lesson; use these to see, or vary, one step.
 *
 * <p>Shapes: a spectrogram is {@code [freq][frames]} with {@code freq = nFft/2 + 1} (bin {@code k} at
 * {@code k·sr/nFft} Hz), a mel spectrogram {@code [nMels][frames]}, a filterbank {@code [nMels][freq]} (the
 * transpose of torchaudio's {@code melscale_fbanks}), MFCCs {@code [nMfcc][frames]}.
 *
 * <pre>{@code
 * double[] x = audio.doubleSamples();                   // 16 kHz, mono
 * double[][] p = Spectral.spectrogram(x, 400, 160, 400, Window.HANN, true, PadMode.REFLECT, 2.0);
 * double[][] fb = Spectral.melFilterbank(201, 0, 8000, 80, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
 * double[][] logMel = Spectral.powerToDb(Spectral.melSpectrogram(p, fb), 80);
 * double[][] c = Spectral.mfcc(logMel, 13, Dct.Norm.ORTHO);
 * }</pre>
 *
 * @see <a href="https://pytorch.org/audio/stable/functional.html">torchaudio.functional</a>
 */
public final class Spectral {

    /** {@code amin} of torchaudio's {@code AmplitudeToDB}: values are clamped to it before the log, so 0 is −100 dB. */
    public static final double AMIN = Decibels.AMIN;

    /** {@code log_offset} of torchaudio's {@code MFCC(log_mels=True)}: {@code ln(M + 1e-6)}. */
    public static final double LOG_MEL_OFFSET = 1e-6;

    /** Frames per parallel task: large enough that splitting costs nothing, small enough to balance 2+ cores. */
    static final int FRAMES_PER_TASK = 512;

    private Spectral() {
    }

    /**
     * A complex STFT, {@code X[k, t] = re[k][t] + i·im[k][t]}, {@code [nFft/2 + 1][frames]}, without axes
     * ({@link ComplexSpectrogram} is the labelled value). Immutable: arrays are copied out.
     */
    public static final class Complex {
        private final double[][] re;
        private final double[][] im;

        /** Takes ownership of the arrays. */
        Complex(double[][] re, double[][] im) {
            this.re = re;
            this.im = im;
        }

        /**
         * @param real {@code [freq][frames]} real parts
         * @param imag {@code [freq][frames]} imaginary parts, same shape
         * @return the complex matrix (the arrays are copied)
         */
        public static Complex of(double[][] real, double[][] imag) {
            Matrices.requireRectangular(real, "bin");
            Matrices.requireRectangular(imag, "bin");
            if (real.length != imag.length || real[0].length != imag[0].length) {
                throw new IllegalArgumentException("real parts are " + real.length + "×" + real[0].length
                        + ", imaginary parts " + imag.length + "×" + imag[0].length);
            }
            return new Complex(Matrices.copy(real), Matrices.copy(imag));
        }

        /** @return real parts {@code [freq][frames]}, a copy */
        public double[][] real() {
            return Matrices.copy(re);
        }

        /** @return imaginary parts {@code [freq][frames]}, a copy */
        public double[][] imag() {
            return Matrices.copy(im);
        }

        /** @return frequency bins (rows) */
        public int binCount() {
            return re.length;
        }

        /** @return frames (columns) */
        public int frameCount() {
            return re[0].length;
        }

        double re(int k, int t) {
            return re[k][t];
        }

        double im(int k, int t) {
            return im[k][t];
        }
    }

    // ---------------------------------------------------------------------------------------------- framing

    /**
     * The window as applied to each frame: the periodic window of {@code winLength} samples, zero-padded on both
     * sides to {@code nFft} ({@code (nFft − winLength)/2} zeros on the left), as {@code torch.stft}.
     *
     * @param window    the window's shape
     * @param winLength window length in samples, {@code 1 ≤ winLength ≤ nFft}
     * @param nFft      FFT size in samples
     * @return {@code [nFft]}
     */
    public static double[] frameWindow(Window window, int winLength, int nFft) {
        requireWindow(nFft, winLength);
        return frameWindow(Objects.requireNonNull(window, "window").coefficients(winLength, true), nFft);
    }

    /**
     * @param window coefficients {@code w[0 … winLength−1]} ({@code winLength ≤ nFft})
     * @param nFft   FFT size in samples
     * @return the window centred in {@code nFft} samples, zeros around it
     */
    public static double[] frameWindow(double[] window, int nFft) {
        requireWindow(nFft, window.length);
        double[] w = new double[nFft];
        System.arraycopy(window, 0, w, (nFft - window.length) / 2, window.length);
        return w;
    }

    /**
     * The number of STFT frames, as {@code torch.stft}: {@code 1 + ⌊len/hop⌋} when centred (the signal padded by
     * {@code nFft/2} on both sides), else {@code 1 + ⌊(len − nFft)/hop⌋}.
     *
     * @param signalLength samples in the signal
     * @param nFft         FFT size in samples (≥ 1)
     * @param hopLength    frame step in samples (≥ 1)
     * @param center       whether frames are centred on {@code t·hop}
     * @return the frame count
     * @throws IllegalArgumentException when the (padded) signal is shorter than one frame
     */
    public static int frameCount(int signalLength, int nFft, int hopLength, boolean center) {
        requireFraming(nFft, hopLength);
        int padded = center ? signalLength + 2 * (nFft / 2) : signalLength;
        if (padded < nFft) {
            throw new IllegalArgumentException("signal of " + signalLength + " samples is shorter than n_fft (" + nFft
                    + ")" + (center ? " after padding" : ""));
        }
        return 1 + (padded - nFft) / hopLength;
    }

    // ------------------------------------------------------------------------------------------------- STFT

    /**
     * The short-time Fourier transform, as {@code torch.stft(…, onesided=True, normalized=False)}:
     *
     * <pre>X[k, t] = Σ_{n=0}^{nFft−1} x̃[t·hop + n] · w̃[n] · e^{−2πi·k·n/nFft},   k = 0 … nFft/2</pre>
     *
     * where {@code x̃} is the signal, padded by {@code nFft/2} on both sides by {@code padMode} when
     * {@code center}, and {@code w̃} the periodic window zero-padded to {@code nFft} ({@link #frameWindow}).
     *
     * @param samples   the signal
     * @param nFft      FFT size in samples (≥ 1)
     * @param hopLength frame step in samples (≥ 1)
     * @param winLength window length in samples ({@code ≤ nFft}; torchaudio's default is {@code nFft})
     * @param window    the window's shape (periodic)
     * @param center    pad so that frame {@code t} is centred on sample {@code t·hop}
     * @param padMode   how to pad when {@code center}
     * @return {@code X}, {@code [nFft/2 + 1][frames]} ({@link #frameCount})
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.stft.html">torch.stft</a>
     */
    public static Complex stft(double[] samples, int nFft, int hopLength, int winLength, Window window, boolean center,
                               PadMode padMode) {
        return stft(samples, nFft, hopLength, frameWindow(window, winLength, nFft), center, padMode);
    }

    /**
     * As {@link #stft(double[], int, int, int, Window, boolean, PadMode)} with the window given by its
     * coefficients, as torch's {@code window} tensor: {@code winLength = window.length}.
     *
     * @param window {@code w[0 … winLength−1]}, {@code winLength ≤ nFft}
     * @return {@code X}, {@code [nFft/2 + 1][frames]}
     */
    public static Complex stft(double[] samples, int nFft, int hopLength, double[] window, boolean center,
                               PadMode padMode) {
        return stft(Samples.of(samples), nFft, hopLength, window, center, padMode);
    }

    static Complex stft(Samples samples, int nFft, int hopLength, double[] window, boolean center, PadMode padMode) {
        double[] w = frameWindow(window, nFft);
        int frames = checkedFrameCount(samples.length(), nFft, hopLength, center, padMode);
        int bins = nFft / 2 + 1;
        double[][] re = new double[bins][frames];
        double[][] im = new double[bins][frames];
        forFrameBatches(samples, nFft, hopLength, w, center, padMode, frames, (t0, count, dft) -> {
            for (int k = 0; k < bins; k++) {
                System.arraycopy(dft.real()[k], 0, re[k], t0, count);
                System.arraycopy(dft.imag()[k], 0, im[k], t0, count);
            }
        });
        return new Complex(re, im);
    }

    /**
     * The spectrogram {@code |X[k, t]|^power} without storing the complex STFT, as
     * {@code torchaudio.functional.spectrogram(…, power=power, normalized=False)}.
     *
     * @param power exponent of the magnitude (> 0): 2 for power (torchaudio's default), 1 for magnitude
     * @return {@code [nFft/2 + 1][frames]}
     * @see #stft(double[], int, int, int, Window, boolean, PadMode)
     */
    public static double[][] spectrogram(double[] samples, int nFft, int hopLength, int winLength, Window window,
                                         boolean center, PadMode padMode, double power) {
        return spectrogram(samples, nFft, hopLength, frameWindow(window, winLength, nFft), center, padMode, power);
    }

    /**
     * As {@link #spectrogram(double[], int, int, int, Window, boolean, PadMode, double)} with the window given by
     * its coefficients ({@code winLength = window.length ≤ nFft}).
     *
     * @return {@code [nFft/2 + 1][frames]}
     */
    public static double[][] spectrogram(double[] samples, int nFft, int hopLength, double[] window, boolean center,
                                         PadMode padMode, double power) {
        return spectrogram(Samples.of(samples), nFft, hopLength, window, center, padMode, power);
    }

    static double[][] spectrogram(Samples samples, int nFft, int hopLength, double[] window, boolean center,
                                  PadMode padMode, double power) {
        requirePower(power);
        double[] w = frameWindow(window, nFft);
        int frames = checkedFrameCount(samples.length(), nFft, hopLength, center, padMode);
        double[][] out = new double[nFft / 2 + 1][frames];
        forFrameBatches(samples, nFft, hopLength, w, center, padMode, frames, (t0, count, dft) -> {
            for (int k = 0; k < out.length; k++) {
                double[] re = dft.real()[k];
                double[] im = dft.imag()[k];
                double[] row = out[k];
                for (int l = 0; l < count; l++) {
                    row[t0 + l] = raise(re[l] * re[l] + im[l] * im[l], power);
                }
            }
        });
        return out;
    }

    /**
     * @param x a complex STFT
     * @return {@code |X[k, t]|² = re² + im²}, same shape
     */
    public static double[][] power(Complex x) {
        return absolute(x, 2.0);
    }

    /**
     * @param x a complex STFT
     * @return {@code |X[k, t]| = √(re² + im²)}, same shape
     */
    public static double[][] magnitude(Complex x) {
        return absolute(x, 1.0);
    }

    private static double[][] absolute(Complex x, double power) {
        double[][] v = new double[x.binCount()][x.frameCount()];
        for (int k = 0; k < v.length; k++) {
            for (int t = 0; t < v[k].length; t++) {
                v[k][t] = raise(x.re[k][t] * x.re[k][t] + x.im[k][t] * x.im[k][t], power);
            }
        }
        return v;
    }

    /**
     * The inverse STFT by weighted overlap-add, as {@code torch.istft}: each frame's inverse DFT is multiplied by
     * the window again, summed at its position, and the sum divided by the overlapped squared window
     * {@code Σ_t w̃²[n − t·hop]}. When that envelope never vanishes (Hann with hop ≤ n_fft/2 …) this recovers the
     * signal: {@code istft(stft(x), …, len(x)) = x}.
     *
     * @param x         a complex STFT, {@code [nFft/2 + 1][frames]}
     * @param nFft      the FFT size it was made with
     * @param hopLength its frame step, in samples
     * @param window    its window's coefficients ({@code winLength ≤ nFft})
     * @param center    whether it was centred (the first {@code nFft/2} samples are then padding, dropped)
     * @param length    samples to return
     * @return the signal, {@code [length]}
     * @throws IllegalArgumentException when the frames cover fewer samples, or the window envelope vanishes where
     *                                  a sample is needed (the overlap-add condition fails)
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.istft.html">torch.istft</a>
     */
    public static double[] istft(Complex x, int nFft, int hopLength, double[] window, boolean center, int length) {
        requireFraming(nFft, hopLength);
        double[] w = frameWindow(window, nFft);
        if (x.binCount() != nFft / 2 + 1) {
            throw new IllegalArgumentException("an STFT with n_fft " + nFft + " has " + (nFft / 2 + 1) + " bins, got "
                    + x.binCount());
        }
        int frames = x.frameCount();
        int total = nFft + hopLength * (frames - 1);
        double[] out = new double[total];
        double[] envelope = new double[total];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength;
            for (int n = 0; n < nFft; n++) {
                envelope[start + n] += w[n] * w[n];
            }
        }
        // frames in blocks, in parallel, each overlap-added into its own buffer; the blocks then summed in order
        int blocks = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, frames / 128));
        int perBlock = (frames + blocks - 1) / blocks;
        double[][] parts = new double[blocks][];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int t0 = b * perBlock;
            int t1 = Math.min(frames, t0 + perBlock);
            if (t0 >= t1) {
                return;
            }
            double[] part = new double[nFft + hopLength * (t1 - t0 - 1)];
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] frame = new double[nFft];
            for (int t = t0; t < t1; t++) {
                pack(x, t, frame, nFft);
                fft.realInverse(frame, true);
                int start = (t - t0) * hopLength;
                for (int n = 0; n < nFft; n++) {
                    part[start + n] += frame[n] * w[n];
                }
            }
            parts[b] = part;
        });
        for (int b = 0; b < blocks; b++) {
            if (parts[b] != null) {
                int offset = b * perBlock * hopLength;
                for (int n = 0; n < parts[b].length; n++) {
                    out[offset + n] += parts[b][n];
                }
            }
        }
        int offset = center ? nFft / 2 : 0;
        if (offset + length > total) {
            throw new IllegalArgumentException(length + " samples asked, but " + frames + " frames cover only "
                    + (total - offset));
        }
        double[] y = new double[length];
        for (int n = 0; n < length; n++) {
            double e = envelope[offset + n];
            if (e < 1e-11) {
                throw new IllegalArgumentException("window overlap-add envelope vanishes at sample " + n
                        + ": hop " + hopLength + " is too large for this window");
            }
            y[n] = out[offset + n] / e;
        }
        return y;
    }

    // --------------------------------------------------------------------------------------------- decibels
    // The formulas live in org.earshot.audio.Decibels (Spectrogram.toDecibels needs them, and audio sits below
    // features); these forward, so the functional layer reads as one list, as torchaudio.functional does.

    /** @see Decibels#amplitudeToDb */
    public static double[][] amplitudeToDb(double[][] x, double multiplier, double amin, double dbMultiplier,
                                           double topDb) {
        return Decibels.amplitudeToDb(x, multiplier, amin, dbMultiplier, topDb);
    }

    /** @see Decibels#powerToDb */
    public static double[][] powerToDb(double[][] power, double topDb) {
        return Decibels.powerToDb(power, topDb);
    }

    /** @see Decibels#magnitudeToDb */
    public static double[][] magnitudeToDb(double[][] magnitude, double topDb) {
        return Decibels.magnitudeToDb(magnitude, topDb);
    }

    /** @see Decibels#topDbFloor */
    public static double[][] topDbFloor(double[][] db, double topDb) {
        return Decibels.topDbFloor(db, topDb);
    }

    /**
     * The natural log with an offset, {@code ln(x + offset)}: the log-mel of torchaudio's
     * {@code MFCC(log_mels=True)}, offset {@link #LOG_MEL_OFFSET}.
     *
     * @param x      {@code [rows][frames]}, ≥ 0
     * @param offset added before the log (> 0)
     * @return {@code [rows][frames]}
     */
    public static double[][] log(double[][] x, double offset) {
        Matrices.requireRectangular(x, "row");
        if (!(offset > 0)) {
            throw new IllegalArgumentException("the log offset must be > 0, got " + offset);
        }
        double[][] y = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            y[k] = new double[x[k].length];
            for (int t = 0; t < y[k].length; t++) {
                y[k][t] = Math.log(x[k][t] + offset);
            }
        }
        return y;
    }

    // -------------------------------------------------------------------------------------------------- mel

    /**
     * Triangular filters evenly spaced on a mel scale, as {@code torchaudio.functional.melscale_fbanks} (transposed).
     * With {@code nMels + 2} points {@code f_0 … f_{nMels+1}} evenly spaced in mel between {@code mel(fMin)} and
     * {@code mel(fMax)}, converted back to Hz, and the bins at {@code f_k = k·⌊sr/2⌋/(nFreqs − 1)} Hz:
     *
     * <pre>H_m(f_k) = max(0, min((f_k − f_m)/(f_{m+1} − f_m), (f_{m+2} − f_k)/(f_{m+2} − f_{m+1})))</pre>
     *
     * times {@code 2/(f_{m+2} − f_m)} with {@link MelFilterbank.Norm#SLANEY} (unit area).
     *
     * <p>A filter narrower than the bin spacing {@code ⌊sr/2⌋/(nFreqs − 1)} may fall between two bins and be all
     * zero: then, as torchaudio ("At least one mel filterbank has all zero values") and librosa ("Empty filters
     * detected in mel frequency basis") do, this prints a warning to {@code System.err} saying how many, and what
     * n_mels or n_fft would have none. 128 mels at n_fft 400 and 16 kHz (torchaudio's MFCC defaults) leave some
     * empty; 80 do not. {@link #emptyFilters} finds them.
     *
     * @param nFreqs     STFT bins, {@code nFft/2 + 1} (≥ 2)
     * @param fMinHz     lowest edge, in Hz (≥ 0)
     * @param fMaxHz     highest edge, in Hz ({@code fMinHz < fMaxHz ≤ sr/2}; torchaudio's default {@code ⌊sr/2⌋})
     * @param nMels      number of filters (≥ 1)
     * @param sampleRate in Hz
     * @param norm       filter normalisation
     * @param melScale   the mel scale the filters are evenly spaced on
     * @return {@code [nMels][nFreqs]} weights
     * @see <a href="https://pytorch.org/audio/stable/generated/torchaudio.functional.melscale_fbanks.html">melscale_fbanks</a>
     */
    public static double[][] melFilterbank(int nFreqs, double fMinHz, double fMaxHz, int nMels, int sampleRate,
                                           MelFilterbank.Norm norm, MelScale melScale) {
        double[][] w = triangles(nFreqs, fMinHz, fMaxHz, nMels, sampleRate, norm, melScale);
        emptyFilterWarning(w, fMinHz, fMaxHz, sampleRate, norm, melScale).ifPresent(System.err::println);
        return w;
    }

    private static double[][] triangles(int nFreqs, double fMinHz, double fMaxHz, int nMels, int sampleRate,
                                        MelFilterbank.Norm norm, MelScale melScale) {
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(melScale, "melScale");
        if (nFreqs < 2 || nMels < 1) {
            throw new IllegalArgumentException("need ≥ 2 frequency bins and ≥ 1 mel filter, got " + nFreqs + " and "
                    + nMels);
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
            double scale = norm == MelFilterbank.Norm.SLANEY ? 2.0 / (upper - lower) : 1.0;
            for (int k = 0; k < nFreqs; k++) {
                double rising = (binHz[k] - lower) / (centre - lower);
                double falling = (upper - binHz[k]) / (upper - centre);
                w[m][k] = Math.max(0.0, Math.min(rising, falling)) * scale;
            }
        }
        return w;
    }

    /**
     * @param filterbank {@code [nMels][nFreqs]} weights
     * @return the indices of the filters whose weights are all zero (ascending; empty when there are none)
     */
    public static int[] emptyFilters(double[][] filterbank) {
        return IntStream.range(0, filterbank.length).filter(m -> support(filterbank[m])[1] < 0).toArray();
    }

    /**
     * The warning {@link #melFilterbank} prints, or empty when every filter has a non-zero weight.
     * The n_fft it names is {@code 2·(nFreqs − 1)}, the even FFT size with {@code nFreqs} bins.
     */
    static Optional<String> emptyFilterWarning(double[][] w, double fMinHz, double fMaxHz, int sampleRate,
                                               MelFilterbank.Norm norm, MelScale melScale) {
        int[] empty = emptyFilters(w);
        if (empty.length == 0) {
            return Optional.empty();
        }
        int nMels = w.length;
        int nFreqs = w[0].length;
        int nFft = 2 * (nFreqs - 1);
        double spacing = Math.floorDiv(sampleRate, 2) / (double) (nFreqs - 1);
        List<String> fixes = new ArrayList<>();
        for (int fewer = nMels - 1; fewer >= 1; fewer--) {
            if (emptyFilters(triangles(nFreqs, fMinHz, fMaxHz, fewer, sampleRate, norm, melScale)).length == 0) {
                fixes.add("fewer mels (n_mels " + fewer + " has none empty)");
                break;
            }
        }
        for (int larger = Integer.highestOneBit(nFft) * 2; larger <= 1 << 16; larger *= 2) {
            if (emptyFilters(triangles(larger / 2 + 1, fMinHz, fMaxHz, nMels, sampleRate, norm, melScale)).length == 0) {
                fixes.add("a larger FFT (n_fft " + larger + " has none)");
                break;
            }
        }
        if (fixes.isEmpty()) {
            fixes.add("a wider f_min–f_max range");
        }
        return Optional.of(String.format(Locale.ROOT, "warning: %d of %d mel filters are empty (all weights zero): "
                        + "n_mels %d is too many for n_fft %d (%d bins, %.1f Hz apart) at %d Hz, %.0f–%.0f Hz. The "
                        + "narrowest (lowest) filters fall between two bins, so those mel bands are always 0. Use %s. "
                        + "(torchaudio: \"At least one mel filterbank has all zero values\"; librosa: \"Empty filters "
                        + "detected in mel frequency basis\".)",
                empty.length, nMels, nMels, nFft, nFreqs, spacing, sampleRate, fMinHz, fMaxHz,
                String.join(" or ", fixes)));
    }

    /**
     * A mel spectrogram from a linear one, {@code M[m, t] = Σ_k H_m(f_k)·S[k, t]} ({@code M = H·S}); only each
     * filter's non-zero weights are visited.
     *
     * @param spectrogram {@code [nFreqs][frames]} power (or magnitude)
     * @param filterbank  {@code [nMels][nFreqs]} from {@link #melFilterbank}
     * @return {@code [nMels][frames]}, the same kind of values
     */
    public static double[][] melSpectrogram(double[][] spectrogram, double[][] filterbank) {
        Matrices.requireRectangular(spectrogram, "bin");
        int[][] support = supports(filterbank, spectrogram.length);
        int frames = spectrogram[0].length;
        double[][] mel = new double[filterbank.length][frames];
        double[] column = new double[spectrogram.length];
        double[] bands = new double[filterbank.length];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < column.length; k++) {
                column[k] = spectrogram[k][t];
            }
            applyFilters(filterbank, support, column, bands, 0);
            for (int m = 0; m < bands.length; m++) {
                mel[m][t] = bands[m];
            }
        }
        return mel;
    }

    /**
     * The mel spectrogram straight from samples, as {@code torchaudio.transforms.MelSpectrogram}: each frame's
     * {@code |X|^power} goes through the filters as it is made, so no linear spectrogram is stored. Equals
     * {@code melSpectrogram(spectrogram(samples, …, power), filterbank)}.
     *
     * @param window     window coefficients ({@code winLength ≤ nFft})
     * @param power      exponent of the magnitude (> 0): 2 for power, 1 for magnitude
     * @param filterbank {@code [nMels][nFft/2 + 1]} from {@link #melFilterbank}
     * @return {@code [nMels][frames]}
     * @see #spectrogram(double[], int, int, double[], boolean, PadMode, double)
     */
    public static double[][] melSpectrogram(double[] samples, int nFft, int hopLength, double[] window, boolean center,
                                            PadMode padMode, double power, double[][] filterbank) {
        return melSpectrogram(Samples.of(samples), nFft, hopLength, window, center, padMode, power, filterbank);
    }

    static double[][] melSpectrogram(Samples samples, int nFft, int hopLength, double[] window, boolean center,
                                     PadMode padMode, double power, double[][] filterbank) {
        requirePower(power);
        double[] w = frameWindow(window, nFft);
        int frames = checkedFrameCount(samples.length(), nFft, hopLength, center, padMode);
        int[][] support = supports(filterbank, nFft / 2 + 1);
        double[][] mel = new double[filterbank.length][frames];
        forFrameBatches(samples, nFft, hopLength, w, center, padMode, frames, (t0, count, dft) -> {
            // |X|^power overwrites the real parts: the imaginary parts are no longer needed
            double[][] p = dft.real();
            dft.power(p);
            if (power != 2.0) {
                for (double[] row : p) {
                    for (int l = 0; l < row.length; l++) {
                        row[l] = raise(row[l], power);
                    }
                }
            }
            double[] band = new double[RealFft.LANES];
            for (int m = 0; m < filterbank.length; m++) {
                java.util.Arrays.fill(band, 0);
                double[] h = filterbank[m];
                for (int k = support[m][0]; k <= support[m][1]; k++) {
                    double weight = h[k];
                    double[] pk = p[k];
                    for (int l = 0; l < RealFft.LANES; l++) {
                        band[l] += weight * pk[l];
                    }
                }
                System.arraycopy(band, 0, mel[m], t0, count);
            }
        });
        return mel;
    }

    /** {@code out[offset + m] = Σ_{k ∈ support(m)} H[m][k]·spectrum[k]}: the one place the filters are applied. */
    private static void applyFilters(double[][] filterbank, int[][] support, double[] spectrum, double[] out,
                                     int offset) {
        for (int m = 0; m < filterbank.length; m++) {
            double[] h = filterbank[m];
            double sum = 0;
            for (int k = support[m][0]; k <= support[m][1]; k++) {
                sum += h[k] * spectrum[k];
            }
            out[offset + m] = sum;
        }
    }

    /** @return {first, last} non-zero index of a filter; {@code last < first} (−1) when it is all zero */
    private static int[] support(double[] filter) {
        int a = 0;
        while (a < filter.length && filter[a] == 0) {
            a++;
        }
        int b = filter.length - 1;
        while (b >= a && filter[b] == 0) {
            b--;
        }
        return a == filter.length ? new int[] {0, -1} : new int[] {a, b};
    }

    private static int[][] supports(double[][] filterbank, int nFreqs) {
        Matrices.requireRectangular(filterbank, "filter");
        if (filterbank[0].length != nFreqs) {
            throw new IllegalArgumentException("the filterbank has " + filterbank[0].length
                    + " frequency bins per filter, the spectrogram " + nFreqs);
        }
        int[][] s = new int[filterbank.length][];
        for (int m = 0; m < s.length; m++) {
            s[m] = support(filterbank[m]);
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------- MFCC

    /**
     * MFCCs from a precomputed log-mel spectrogram, as {@code torchaudio.transforms.MFCC} after its
     * {@code AmplitudeToDB}: a type-II DCT along the mel axis, keeping the first {@code nMfcc} coefficients,
     *
     * <pre>c[j, t] = Σ_m C[j, m] · L[m, t],   C[j, m] = cos(π/nMels · (m + ½) · j)   (scaled as {@link Dct})</pre>
     *
     * @param logMelDb {@code [nMels][frames]}, e.g. {@code powerToDb(melSpectrogram(…), 80)} (torchaudio's MFCC)
     * @param nMfcc    coefficients kept ({@code 1 ≤ nMfcc ≤ nMels})
     * @param norm     DCT scaling ({@link Dct.Norm#ORTHO} in torchaudio's MFCC)
     * @return {@code [nMfcc][frames]}
     * @see <a href="https://pytorch.org/audio/stable/generated/torchaudio.functional.create_dct.html">create_dct</a>
     */
    public static double[][] mfcc(double[][] logMelDb, int nMfcc, Dct.Norm norm) {
        Matrices.requireRectangular(logMelDb, "mel band");
        return mfcc(logMelDb, Dct.matrix(nMfcc, logMelDb.length, norm));
    }

    /**
     * As {@link #mfcc(double[][], int, Dct.Norm)} with a precomputed DCT matrix.
     *
     * @param logMelDb {@code [nMels][frames]}
     * @param dct      {@code [nMfcc][nMels]} from {@link Dct#matrix}
     * @return {@code [nMfcc][frames]}
     */
    public static double[][] mfcc(double[][] logMelDb, double[][] dct) {
        Matrices.requireRectangular(logMelDb, "mel band");
        Matrices.requireRectangular(dct, "coefficient");
        if (dct[0].length != logMelDb.length) {
            throw new IllegalArgumentException("the DCT is for " + dct[0].length + " mel bands, the log-mel has "
                    + logMelDb.length);
        }
        return Dct.apply(dct, logMelDb);
    }

    // ------------------------------------------------------------------------------------------ the engine

    /**
     * Receives the spectra of frames {@code t0 … t0 + count − 1} (count ≤ {@link RealFft#LANES}): bin {@code k} of
     * frame {@code t0 + l} is {@code dft.real()[k][l]}, {@code dft.imag()[k][l]}; the buffers are reused after.
     */
    interface BatchTask {
        void accept(int t0, int count, RealFft.Batch dft);
    }

    /**
     * The signal as the engine reads it, one block of samples at a time: an array, or a sound read without
     * widening all of it to {@code double} first.
     */
    interface Samples {
        int length();

        void copy(int from, double[] dst, int offset, int count);

        static Samples of(double[] x) {
            return new Samples() {
                public int length() {
                    return x.length;
                }

                public void copy(int from, double[] dst, int offset, int count) {
                    System.arraycopy(x, from, dst, offset, count);
                }
            };
        }

        static Samples of(org.earshot.audio.Audio audio) {
            return new Samples() {
                public int length() {
                    return audio.frameCount();
                }

                public void copy(int from, double[] dst, int offset, int count) {
                    audio.copySamples(from, dst, offset, count);
                }
            };
        }
    }

    /**
     * Runs {@code task} on the DFT of every windowed frame, {@link RealFft#LANES} frames at a time, in parallel
     * blocks of {@link #FRAMES_PER_TASK}. Each block first copies the samples its frames cover, padding included
     * ({@link PadMode#index}), into a buffer of its thread, so framing is a plain strided read; nothing is
     * allocated per frame.
     */
    private static void forFrameBatches(Samples x, int nFft, int hopLength, double[] frameWindow, boolean center,
                                        PadMode padMode, int frames, BatchTask task) {
        RealFft fft = RealFft.of(nFft);
        int blocks = (frames + FRAMES_PER_TASK - 1) / FRAMES_PER_TASK;
        int pad = center ? nFft / 2 : 0;
        int length = x.length();
        // samples the largest block covers (one frame's worth when there is one frame: a whole-sound FFT of 2^20
        // points needs 2^20 doubles, not FRAMES_PER_TASK times as many)
        int span = (Math.max(1, Math.min(frames, FRAMES_PER_TASK)) - 1) * hopLength + nFft;
        ThreadLocal<RealFft.Batch> batches = ThreadLocal.withInitial(fft::batch);
        ThreadLocal<double[]> buffers = ThreadLocal.withInitial(() -> new double[span]);
        IntStream.range(0, blocks).parallel().forEach(b -> {
            RealFft.Batch batch = batches.get();
            double[] buf = buffers.get();
            double[][] in = batch.input();
            int from = b * FRAMES_PER_TASK;
            int to = Math.min(frames, from + FRAMES_PER_TASK);
            int first = from * hopLength - pad; // signal index of buf[0]
            int used = (to - 1 - from) * hopLength + nFft;
            int lo = Math.max(0, -first);                  // buf[lo, hi) lies inside the signal
            int hi = Math.max(lo, Math.min(used, length - first));
            for (int j = 0; j < lo; j++) {
                padding(x, padMode.index(first + j, length), buf, j);
            }
            if (hi > lo) {
                x.copy(first + lo, buf, lo, hi - lo);
            }
            for (int j = hi; j < used; j++) {
                padding(x, padMode.index(first + j, length), buf, j);
            }
            for (int t0 = from; t0 < to; t0 += RealFft.LANES) {
                int count = Math.min(RealFft.LANES, to - t0);
                int start = (t0 - from) * hopLength;
                for (int n = 0; n < nFft; n++) {
                    double[] row = in[n];
                    double wn = frameWindow[n];
                    int l = 0;
                    for (int i = start + n; l < count; l++, i += hopLength) {
                        row[l] = buf[i] * wn;
                    }
                    for (; l < RealFft.LANES; l++) {
                        row[l] = 0;
                    }
                }
                batch.transform();
                task.accept(t0, count, batch);
            }
        });
    }

    /** {@code buf[j]} = sample {@code i} of the signal, or 0 for −1 (a zero of constant padding). */
    private static void padding(Samples x, int i, double[] buf, int j) {
        if (i < 0) {
            buf[j] = 0;
        } else {
            x.copy(i, buf, j, 1);
        }
    }

    private static int checkedFrameCount(int samples, int nFft, int hopLength, boolean center, PadMode padMode) {
        Objects.requireNonNull(padMode, "padMode");
        int frames = frameCount(samples, nFft, hopLength, center);
        if (center) {
            padMode.requireLength(samples, nFft / 2);
        }
        return frames;
    }

    /** Real part of bin k in JTransforms' packed {@code realForward} layout. */
    static double packedRe(double[] a, int k, int nFft) {
        if (k == 0) {
            return a[0];
        }
        if (nFft % 2 == 0) {
            return k == nFft / 2 ? a[1] : a[2 * k];
        }
        return k == (nFft - 1) / 2 ? a[nFft - 1] : a[2 * k];
    }

    /** Imaginary part of bin k in JTransforms' packed {@code realForward} layout. */
    static double packedIm(double[] a, int k, int nFft) {
        if (k == 0 || (nFft % 2 == 0 && k == nFft / 2)) {
            return 0;
        }
        if (nFft % 2 == 1 && k == (nFft - 1) / 2) {
            return nFft == 1 ? 0 : a[1];
        }
        return a[2 * k + 1];
    }

    /** Writes frame t of {@code x} into {@code a} in JTransforms' packed layout (inverse of {@link #packedRe}/{@link #packedIm}). */
    private static void pack(Complex x, int t, double[] a, int nFft) {
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

    private static double raise(double power, double exponent) {
        return exponent == 2.0 ? power : exponent == 1.0 ? Math.sqrt(power) : Math.pow(power, exponent / 2);
    }

    // --------------------------------------------------------------------------------------------- checks

    private static void requireFraming(int nFft, int hopLength) {
        if (nFft < 1 || hopLength < 1) {
            throw new IllegalArgumentException("n_fft (" + nFft + ") and hop_length (" + hopLength + ") must be ≥ 1");
        }
    }

    private static void requireWindow(int nFft, int winLength) {
        if (nFft < 1) {
            throw new IllegalArgumentException("n_fft must be ≥ 1, got " + nFft);
        }
        if (winLength < 1) {
            throw new IllegalArgumentException("win_length must be ≥ 1, got " + winLength);
        }
        if (winLength > nFft) {
            throw new IllegalArgumentException("n_fft (" + nFft + ") must be ≥ win_length (" + winLength + ")");
        }
    }

    private static void requirePower(double power) {
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power must be > 0 (2 for power, 1 for magnitude), got " + power);
        }
    }
}
