package org.earshot.tts.measure;

import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Mel-cepstra of a recording, as SPTK computes them with {@code frame | window | fftcep | freqt}: the smooth
 * spectral envelope on a mel-like frequency axis, in a few numbers per frame — what mel-cepstral distortion
 * ({@link MelCepstralDistortion}) compares.
 *
 * <pre>  frame k: samples [k·{@value #HOP} − {@value #FRAME}/2, k·{@value #HOP} + {@value #FRAME}/2), zeros outside
 *  w[n] = 0.42 − 0.5 cos(2πn/(N−1)) + 0.08 cos(4πn/(N−1)),  w ← w / √(Σ w²)      (SPTK window -w 0 -n 1)
 *  X = FFT of the windowed frame, zero-padded to {@value #FFT}
 *  c[k] = (1/L) Σ_n ln(|X[n]|² + ε) cos(2πkn/L), k = 0 … {@value #LIFTER};  c[0] ← c[0]/2    (SPTK fftcep)
 *  c̃ = freqt(c, α = {@value #ALPHA})   (SPTK freqt: the all-pass warping z⁻¹ → (z⁻¹ − α)/(1 − αz⁻¹))</pre>
 *
 * <p>fftcep gives the minimum-phase cepstrum of the log spectrum ({@code ln H(z) = Σ c[m] z^−m}); keeping only its
 * first {@value #LIFTER} quefrencies (2.5 ms, shorter than any voice's pitch period) keeps the envelope and drops the
 * harmonics; α = 0.42 makes the warped axis close to the mel scale at 16 kHz. Order {@value #ORDER}: c̃[0] (the
 * level) and c̃[1 … 24] (the shape). Equal to SPTK 3.9's pipeline on fixtures ({@code MelCepstrumParityTest}).
 */
public final class MelCepstrum {

    /** The sample rate it analyses at (other rates are resampled first). */
    public static final int SAMPLE_RATE = 16000;
    /** Frame length in samples (25 ms). */
    public static final int FRAME = 400;
    /** Frame period in samples (5 ms). */
    public static final int HOP = 80;
    /** FFT length. */
    public static final int FFT = 512;
    /** The FFT cepstrum's order before warping (2.5 ms of quefrency). */
    public static final int LIFTER = 40;
    /** The mel-cepstrum's order: coefficients 0 … 24. */
    public static final int ORDER = 24;
    /** The all-pass constant (≈ mel at 16 kHz). */
    public static final double ALPHA = 0.42;
    /** Added to each power before the logarithm (SPTK fftcep -e), so digital silence stays finite. */
    public static final double EPSILON = 1e-8;

    private static final double[] WINDOW = blackman(FRAME);

    private MelCepstrum() {
    }

    /**
     * @param audio a recording (mixed down; resampled to {@value #SAMPLE_RATE} Hz when it is not)
     * @return {@code [frame][25]}: frames every {@value #HOP} samples, the first centred on sample 0
     */
    public static double[][] of(Audio audio) {
        float[] x = Resample.to(audio.mixdown(), SAMPLE_RATE).samples();
        int frames = (x.length + HOP - 1) / HOP;
        double[][] out = new double[frames][];
        double[] frame = new double[FRAME];
        for (int k = 0; k < frames; k++) {
            int start = k * HOP - FRAME / 2;
            for (int n = 0; n < FRAME; n++) {
                int i = start + n;
                frame[n] = i >= 0 && i < x.length ? x[i] : 0;
            }
            out[k] = ofFrame(frame);
        }
        return out;
    }

    /**
     * @param frame {@value #FRAME} samples, not yet windowed
     * @return the frame's 25 mel-cepstral coefficients
     */
    public static double[] ofFrame(double[] frame) {
        if (frame.length != FRAME) {
            throw new IllegalArgumentException("a frame of " + frame.length + " samples, not " + FRAME);
        }
        double[] spectrum = new double[FFT];
        for (int n = 0; n < FRAME; n++) {
            spectrum[n] = frame[n] * WINDOW[n];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(FFT);
        fft.realForward(spectrum);
        double[] logPower = new double[FFT]; // ln(|X[n]|² + ε), n = 0 … L−1, even about L/2
        logPower[0] = Math.log(spectrum[0] * spectrum[0] + EPSILON);
        logPower[FFT / 2] = Math.log(spectrum[1] * spectrum[1] + EPSILON);
        for (int n = 1; n < FFT / 2; n++) {
            double re = spectrum[2 * n];
            double im = spectrum[2 * n + 1];
            logPower[n] = Math.log(re * re + im * im + EPSILON);
            logPower[FFT - n] = logPower[n];
        }
        fft.realForward(logPower);
        double[] cepstrum = new double[LIFTER + 1];
        cepstrum[0] = logPower[0] / FFT * 0.5;
        for (int k = 1; k <= LIFTER; k++) {
            cepstrum[k] = logPower[2 * k] / FFT;
        }
        return freqt(cepstrum, ORDER, ALPHA);
    }

    /**
     * SPTK's frequency transformation: the cepstrum of {@code H(z)} on the axis warped by the all-pass
     * {@code z⁻¹ → (z⁻¹ − α)/(1 − αz⁻¹)}, by its recursion over the input coefficients from the last to the first.
     *
     * @param c     a minimum-phase cepstrum c[0 … m1]
     * @param order the warped cepstrum's order m2
     * @param alpha the all-pass constant, |α| &lt; 1
     * @return c̃[0 … m2]
     */
    public static double[] freqt(double[] c, int order, double alpha) {
        double b = 1 - alpha * alpha;
        double[] g = new double[order + 1];
        double[] d = new double[order + 1];
        for (int i = c.length - 1; i >= 0; i--) {
            d[0] = g[0];
            g[0] = c[i] + alpha * d[0];
            if (order >= 1) {
                d[1] = g[1];
                g[1] = b * d[0] + alpha * d[1];
            }
            for (int j = 2; j <= order; j++) {
                d[j] = g[j];
                g[j] = d[j - 1] + alpha * (d[j] - g[j - 1]);
            }
        }
        return g;
    }

    /** Blackman, normalised to unit power (SPTK {@code window -w 0 -n 1}). */
    static double[] blackman(int n) {
        double[] w = new double[n];
        double power = 0;
        for (int i = 0; i < n; i++) {
            double x = 2 * Math.PI * i / (n - 1);
            w[i] = 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
            power += w[i] * w[i];
        }
        double norm = Math.sqrt(power);
        for (int i = 0; i < n; i++) {
            w[i] /= norm;
        }
        return w;
    }
}
