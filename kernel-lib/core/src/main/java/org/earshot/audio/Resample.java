package org.earshot.audio;


/**
 * Band-limited resampling by a rational factor {@code up/down} (§21.1), the polyphase method of
 * {@code scipy.signal.resample_poly} with its default filter, so results match scipy's to rounding.
 *
 * <p>Conceptually: insert {@code up − 1} zeros between samples, low-pass filter at the lower of the two Nyquist
 * frequencies, keep every {@code down}-th sample. The filter is a windowed sinc,
 *
 * <pre>h[n] = up · f_c·sinc(f_c·(n − L)) · kaiser_β(n) / Σ_m f_c·sinc(f_c·(m − L))·kaiser_β(m),   n = 0 … 2L</pre>
 *
 * with {@code f_c = 1/max(up, down)} (cut-off relative to the up-sampled Nyquist), {@code L = 10·max(up, down)},
 * Kaiser {@code β = 5}; and only the products that are not zero are computed (polyphase):
 *
 * <pre>y[n] = Σ_j x[j] · h[n·down − j·up + L],   n = 0 … ⌈len·up/down⌉ − 1</pre>
 *
 * Examples: 48 kHz → 16 kHz is 1/3, 44.1 kHz → 16 kHz is 160/441, 8 kHz → 16 kHz is 2/1.
 * {@link #naiveDecimate(Audio, int)} is the wrong way, kept for the lesson's aliasing demonstration.
 *
 * @see <a href="https://docs.scipy.org/doc/scipy/reference/generated/scipy.signal.resample_poly.html">scipy resample_poly</a>
 */
public final class Resample {

    /** Kaiser window shape, scipy's default for {@code resample_poly}. */
    public static final double KAISER_BETA = 5.0;

    private final int up;
    private final int down;
    private final int half;
    private final double[] taps;

    private Resample(int up, int down) {
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("up and down must be ≥ 1, got " + up + "/" + down);
        }
        int g = gcd(up, down);
        this.up = up / g;
        this.down = down / g;
        int maxRate = Math.max(this.up, this.down);
        this.half = 10 * maxRate;
        double cutoff = 1.0 / maxRate;
        double[] window = kaiser(2 * half + 1, KAISER_BETA);
        double[] h = new double[2 * half + 1];
        double sum = 0;
        for (int n = 0; n < h.length; n++) {
            h[n] = cutoff * sinc(cutoff * (n - half)) * window[n];
            sum += h[n];
        }
        for (int n = 0; n < h.length; n++) {
            h[n] = h[n] / sum * this.up;
        }
        this.taps = h;
    }

    /**
     * @param fromHz sample rate of the input, in Hz
     * @param toHz   sample rate wanted, in Hz
     * @return the resampler for {@code toHz/fromHz}, reduced to lowest terms
     */
    public static Resample between(int fromHz, int toHz) {
        if (fromHz < 1 || toHz < 1) {
            throw new IllegalArgumentException("sample rates must be ≥ 1 Hz, got " + fromHz + " → " + toHz);
        }
        return new Resample(toHz, fromHz);
    }

    /**
     * @param up   up-sampling factor
     * @param down down-sampling factor
     * @return the resampler for {@code up/down}, reduced to lowest terms
     */
    public static Resample ratio(int up, int down) {
        return new Resample(up, down);
    }

    /**
     * Resamples a sound to {@code targetRate}.
     *
     * @param audio      the sound (every channel is resampled)
     * @param targetRate the sample rate wanted, in Hz
     * @return the sound at {@code targetRate}; the same value when the rates are equal
     */
    public static Audio to(Audio audio, int targetRate) {
        return audio.sampleRate() == targetRate ? audio : between(audio.sampleRate(), targetRate).apply(audio);
    }

    public int up() {
        return up;
    }

    public int down() {
        return down;
    }

    /** @return the filter {@code h}, {@code 2L + 1} taps, a copy */
    public double[] taps() {
        return taps.clone();
    }

    /**
     * @param audio a sound whose sample rate times {@code up/down} is a whole number of Hz
     * @return the resampled sound
     */
    public Audio apply(Audio audio) {
        long rate = (long) audio.sampleRate() * up;
        if (rate % down != 0) {
            throw new IllegalArgumentException(audio.sampleRate() + " Hz × " + up + "/" + down + " is not a whole number of Hz");
        }
        float[][] out = new float[audio.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            double[] y = apply(toDouble(audio.channel(c)));
            out[c] = new float[y.length];
            for (int n = 0; n < y.length; n++) {
                out[c][n] = (float) y[n];
            }
        }
        return Audio.of(out, (int) (rate / down)).startingAt(audio.startSeconds());
    }

    /**
     * @param x samples
     * @return {@code ⌈len·up/down⌉} resampled samples
     */
    public double[] apply(double[] x) {
        int outLength = (int) (((long) x.length * up + down - 1) / down);
        double[] y = new double[outLength];
        for (int n = 0; n < outLength; n++) {
            long centre = (long) n * down + half; // h index for j = 0
            int jFirst = (int) Math.max(0, Math.floorDiv(centre - 2L * half + up - 1, (long) up));
            int jLast = (int) Math.min(x.length - 1, Math.floorDiv(centre, (long) up));
            double sum = 0;
            for (int j = jFirst; j <= jLast; j++) {
                sum += x[j] * taps[(int) (centre - (long) j * up)];
            }
            y[n] = sum;
        }
        return y;
    }

    /**
     * Down-sampling the wrong way: keep every {@code factor}-th sample, with no low-pass filter first, so
     * everything above the new Nyquist frequency folds back (aliases) into the band.
     *
     * @param audio  the sound
     * @param factor keep one sample in {@code factor} (≥ 1); the sample rate must divide by it
     * @return the decimated sound at {@code sampleRate / factor}
     */
    public static Audio naiveDecimate(Audio audio, int factor) {
        if (factor < 1 || audio.sampleRate() % factor != 0) {
            throw new IllegalArgumentException("cannot decimate " + audio.sampleRate() + " Hz by " + factor);
        }
        float[][] out = new float[audio.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            float[] x = audio.channel(c);
            out[c] = new float[(x.length + factor - 1) / factor];
            for (int n = 0; n < out[c].length; n++) {
                out[c][n] = x[n * factor];
            }
        }
        return Audio.of(out, audio.sampleRate() / factor).startingAt(audio.startSeconds());
    }

    /** {@code sin(πx)/(πx)}, 1 at 0. */
    static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Kaiser window {@code w[n] = I0(β·√(1 − (2n/(M−1) − 1)²)) / I0(β)}, as {@code scipy.signal.windows.kaiser}. */
    static double[] kaiser(int length, double beta) {
        double[] w = new double[length];
        if (length == 1) {
            w[0] = 1;
            return w;
        }
        double norm = besselI0(beta);
        for (int n = 0; n < length; n++) {
            double r = 2.0 * n / (length - 1) - 1;
            w[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
        }
        return w;
    }

    /** Modified Bessel function of the first kind, order 0: {@code Σ_k ((x/2)^k / k!)²}, summed to double precision. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
