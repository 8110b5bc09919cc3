package org.earshot.tts.vocoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.earshot.audio.Audio;
import org.earshot.features.Window;

/**
 * The source-filter vocoder of parametric TTS (§21.3): speech as a <b>source</b> — a pulse train at the pitch F0
 * for voiced frames, white noise for unvoiced ones — through a <b>filter</b>, the vocal tract's envelope, here an
 * all-pole {@link Lpc} per frame. Analysis turns a recording into a few numbers every 10 ms (voiced or not, F0, p
 * filter coefficients, a gain); synthesis turns them back into sound. Because the numbers are separate, pitch and
 * speed change independently — the parametric era's controllability — and because a pulse train is not a glottis,
 * the result is buzzy, the era's sound.
 *
 * <p>Pitch by the autocorrelation method: in a 40 ms Hann-windowed frame, the lag τ in [fs/F0max, fs/F0min] of the
 * highest normalised autocorrelation r[τ]/r[0]; the frame is voiced when that peak is at least the voicing
 * threshold, and F0 = fs/τ. The excitation has unit power (pulses of height √period); the filter's gain is the
 * prediction error's energy per sample of the window.
 */
public final class SourceFilterVocoder {

    /** One analysis frame: its centre, voicing, F0 (0 when unvoiced) and filter. */
    public record Frame(double timeSeconds, boolean voiced, double f0Hz, Lpc filter) {
    }

    /** A recording's analysis, a frame every {@code hopSeconds}. */
    public record Analysis(int sampleRate, double hopSeconds, List<Frame> frames) {
        public Analysis {
            frames = List.copyOf(frames);
        }

        /** @return each frame's F0 in Hz (0 where unvoiced) */
        public double[] f0Hz() {
            return frames.stream().mapToDouble(Frame::f0Hz).toArray();
        }

        /** @return the median F0 of the voiced frames, or NaN when none is voiced */
        public double medianF0Hz() {
            double[] v = frames.stream().filter(Frame::voiced).mapToDouble(Frame::f0Hz).sorted().toArray();
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
                    : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    private final int order;
    private final double frameSeconds;
    private final double pitchFrameSeconds;
    private final double hopSeconds;
    private final double minF0Hz;
    private final double maxF0Hz;
    private final double voicingThreshold;
    private final double silenceDb;

    private SourceFilterVocoder(Builder b) {
        this.order = b.order;
        this.frameSeconds = b.frameSeconds;
        this.pitchFrameSeconds = b.pitchFrameSeconds;
        this.hopSeconds = b.hopSeconds;
        this.minF0Hz = b.minF0Hz;
        this.maxF0Hz = b.maxF0Hz;
        this.voicingThreshold = b.voicingThreshold;
        this.silenceDb = b.silenceDb;
    }

    /**
     * @return a builder: order 18, 25 ms filter frames and 40 ms pitch frames every 10 ms, F0 60–400 Hz, voicing
     *         threshold 0.4, frames 25 dB below the loudest unvoiced
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param audio a recording (mixed down to mono)
     * @return its frames
     */
    public Analysis analyse(Audio audio) {
        Audio mono = audio.mixdown();
        double[] x = mono.doubleSamples();
        int fs = mono.sampleRate();
        int frame = (int) Math.round(frameSeconds * fs);
        int pitchFrame = (int) Math.round(pitchFrameSeconds * fs);
        int hop = (int) Math.round(hopSeconds * fs);
        int minLag = (int) Math.floor(fs / maxF0Hz);
        int maxLag = (int) Math.ceil(fs / minF0Hz);
        if (maxLag >= pitchFrame) {
            throw new IllegalArgumentException("F0 down to " + minF0Hz + " Hz needs a pitch frame longer than "
                    + maxLag + " samples");
        }
        double[] window = Window.HANN.coefficients(frame, true);
        double windowEnergy = 0;
        for (double w : window) {
            windowEnergy += w * w;
        }
        double[] pitchWindow = Window.HANN.coefficients(pitchFrame, true);
        List<double[]> correlations = new ArrayList<>();
        double loudest = 0;
        for (int centre = 0; centre < x.length; centre += hop) {
            double[] r = Lpc.autocorrelation(slice(x, centre, pitchWindow), maxLag);
            correlations.add(r);
            loudest = Math.max(loudest, r[0]);
        }
        double quiet = loudest * Math.pow(10, -silenceDb / 10);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0, centre = 0; centre < x.length; i++, centre += hop) {
            double[] f = slice(x, centre, window);
            Lpc lpc = Lpc.of(f, order);
            Lpc perSample = new Lpc(lpc.coefficients(), lpc.gain() / Math.sqrt(windowEnergy));
            double[] r = correlations.get(i);
            int best = -1;
            double peak = 0;
            for (int lag = minLag; lag <= maxLag && r[0] > 0; lag++) {
                double nac = r[lag] / r[0];
                if (nac > peak && r[lag] >= r[lag - 1] && (lag == maxLag || r[lag] >= r[lag + 1])) {
                    peak = nac;
                    best = lag;
                }
            }
            boolean voiced = best > 0 && peak >= voicingThreshold && r[0] >= quiet;
            frames.add(new Frame((double) centre / fs, voiced, voiced ? (double) fs / best : 0, perSample));
        }
        return new Analysis(fs, hopSeconds, frames);
    }

    /**
     * @param analysis    frames from {@link #analyse}
     * @param pitchFactor F0 multiplied by this (> 0; 1 keeps the pitch)
     * @param rateFactor  speed: each frame lasts hop / rate (> 0; 2 is twice as fast)
     * @param seed        the noise's seed
     * @return the resynthesised sound, at the analysis' sample rate
     */
    public Audio synthesize(Analysis analysis, double pitchFactor, double rateFactor, long seed) {
        if (!(pitchFactor > 0) || !(rateFactor > 0)) {
            throw new IllegalArgumentException("pitch and rate factors must be > 0, got " + pitchFactor + " and "
                    + rateFactor);
        }
        int fs = analysis.sampleRate();
        double samplesPerFrame = analysis.hopSeconds() * fs / rateFactor;
        Random noise = new Random(seed);
        double[] history = new double[order];
        double[] out = new double[(int) Math.ceil(analysis.frames().size() * samplesPerFrame)];
        double nextPulse = 0;   // where the next pulse falls, in output samples
        int written = 0;
        double due = 0;
        for (Frame f : analysis.frames()) {
            due += samplesPerFrame;
            int n = (int) Math.round(due) - written;
            if (n <= 0) {
                continue;
            }
            double[] excitation = new double[n];
            if (f.voiced()) {
                double period = fs / (f.f0Hz() * pitchFactor);
                nextPulse = Math.max(nextPulse, written);
                while (nextPulse < written + n) {
                    excitation[(int) nextPulse - written] = Math.sqrt(period);
                    nextPulse += period;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    excitation[i] = noise.nextGaussian();
                }
                nextPulse = written + n;
            }
            double[] y = f.filter().synthesize(excitation, history);
            System.arraycopy(y, 0, out, written, Math.min(n, out.length - written));
            written += n;
        }
        return Audio.mono(Arrays.copyOf(out, Math.min(written, out.length)), fs);
    }

    /**
     * @param x      a signal
     * @param centre the frame's centre, a sample index
     * @param window the analysis window
     * @return the window's length of samples centred on {@code centre}, zero outside the signal, times the window
     */
    public static double[] slice(double[] x, int centre, double[] window) {
        double[] f = new double[window.length];
        int start = centre - window.length / 2;
        for (int i = 0; i < f.length; i++) {
            int j = start + i;
            f[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
        }
        return f;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SourceFilterVocoder[LPC order %d, %.0f ms frames every %.0f ms,"
                + " F0 %.0f–%.0f Hz]", order, 1000 * frameSeconds, 1000 * hopSeconds, minF0Hz, maxF0Hz);
    }

    /** Named settings. */
    public static final class Builder {
        private int order = 18;
        private double frameSeconds = 0.025;
        private double pitchFrameSeconds = 0.040;
        private double hopSeconds = 0.010;
        private double minF0Hz = 60;
        private double maxF0Hz = 400;
        private double voicingThreshold = 0.4;
        private double silenceDb = 25;

        private Builder() {
        }

        /** @param db a frame this far below the recording's loudest is unvoiced, however periodic (default 25) */
        public Builder silenceDb(double db) {
            this.silenceDb = db;
            return this;
        }

        /** @param p the filter's poles (≥ 1; about 2 + fs/1000 for speech) */
        public Builder order(int p) {
            this.order = p;
            return this;
        }

        /** @param seconds the filter's analysis window */
        public Builder frameSeconds(double seconds) {
            this.frameSeconds = seconds;
            return this;
        }

        /** @param seconds the frame period */
        public Builder hopSeconds(double seconds) {
            this.hopSeconds = seconds;
            return this;
        }

        /**
         * @param lowHz  the lowest F0 searched
         * @param highHz the highest
         */
        public Builder f0RangeHz(double lowHz, double highHz) {
            this.minF0Hz = lowHz;
            this.maxF0Hz = highHz;
            return this;
        }

        /** @param peak the normalised autocorrelation a voiced frame reaches (0 … 1) */
        public Builder voicingThreshold(double peak) {
            this.voicingThreshold = peak;
            return this;
        }

        /** @return the vocoder */
        public SourceFilterVocoder build() {
            if (order < 1 || !(frameSeconds > 0) || !(hopSeconds > 0) || !(minF0Hz > 0) || !(maxF0Hz > minF0Hz)
                    || !(voicingThreshold >= 0 && voicingThreshold <= 1) || !(silenceDb > 0)) {
                throw new IllegalArgumentException("order ≥ 1, frame and hop > 0, 0 < F0 low < F0 high and a voicing"
                        + " threshold in [0, 1], got " + order + ", " + frameSeconds + ", " + hopSeconds + ", "
                        + minF0Hz + "–" + maxF0Hz + ", " + voicingThreshold);
            }
            return new SourceFilterVocoder(this);
        }
    }
}
