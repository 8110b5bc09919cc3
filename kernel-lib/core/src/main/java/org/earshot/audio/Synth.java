package org.earshot.audio;

/**
 * Test signals made from formulas, so lessons need no downloaded audio.
 */
public final class Synth {

    private Synth() {
    }

    /**
     * A sine tone {@code x[n] = amplitude·sin(2π·f·n/sr)}.
     *
     * @param frequencyHz     tone frequency, in Hz
     * @param durationSeconds length, in seconds
     * @param sampleRate      in Hz
     * @param amplitude       peak value (1 = full scale)
     * @return the tone
     */
    public static Audio sine(double frequencyHz, double durationSeconds, int sampleRate, double amplitude) {
        double[] x = new double[sampleCount(durationSeconds, sampleRate)];
        for (int n = 0; n < x.length; n++) {
            x[n] = amplitude * Math.sin(2 * Math.PI * frequencyHz * n / sampleRate);
        }
        return Audio.mono(x, sampleRate);
    }

    /**
     * A linear chirp sweeping from {@code f0} to {@code f1}: instantaneous frequency
     * {@code f(t) = f0 + (f1 − f0)·t/T}, phase {@code φ(t) = 2π(f0·t + (f1 − f0)·t²/(2T))}.
     *
     * @param startHz         frequency at t = 0, in Hz
     * @param endHz           frequency at t = T, in Hz
     * @param durationSeconds T, in seconds
     * @param sampleRate      in Hz
     * @param amplitude       peak value (1 = full scale)
     * @return the sweep
     */
    public static Audio chirp(double startHz, double endHz, double durationSeconds, int sampleRate, double amplitude) {
        double[] x = new double[sampleCount(durationSeconds, sampleRate)];
        double rate = (endHz - startHz) / durationSeconds;
        for (int n = 0; n < x.length; n++) {
            double t = (double) n / sampleRate;
            x[n] = amplitude * Math.sin(2 * Math.PI * (startHz * t + rate * t * t / 2));
        }
        return Audio.mono(x, sampleRate);
    }

    private static int sampleCount(double durationSeconds, int sampleRate) {
        if (!(durationSeconds > 0) || sampleRate <= 0) {
            throw new IllegalArgumentException("need duration > 0 s and sample rate > 0 Hz, got "
                    + durationSeconds + " s at " + sampleRate + " Hz");
        }
        return (int) Math.round(durationSeconds * sampleRate);
    }
}
