package org.earshot.audio;

import java.util.Arrays;

/**
 * Sampled sound: one or more channels of float samples in [-1, 1] at a known sample rate.
 *
 * <p>An {@code Audio} value is immutable: the arrays passed in are copied, and every accessor returns a copy,
 * so a lesson can never change a sound behind another cell's back. Because the value knows its sample rate,
 * its player, its waveform plot and every feature computed from it are labelled in seconds and hertz without
 * the caller repeating the rate (§21.1, lesson {@code 21.1-signal}).
 *
 * <p>A sound also knows where it begins, {@link #startSeconds()}: 0 for a whole recording, and the time it was cut
 * at for a part of one ({@link #trim}), so the part's waveform, spectrogram and animation are labelled with the
 * recording's own times ({@code speech.trim(0.2, 1.2)} runs from 0.2 to 1.2 s, not from 0).
 *
 * <p>Worked example: one second of a 440 Hz tone at 16 kHz is {@code Synth.sine(440, 1.0, 16000)}; it has
 * {@code frameCount() == 16000} and {@code durationSeconds() == 1.0}.
 */
public final class Audio {

    private final float[][] channels;
    private final int sampleRate;
    private final double startSeconds;

    private Audio(float[][] channels, int sampleRate) {
        this(channels, sampleRate, 0);
    }

    private Audio(float[][] channels, int sampleRate, double startSeconds) {
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.startSeconds = startSeconds;
    }

    /**
     * A one-channel sound.
     *
     * @param samples    samples in [-1, 1] (values outside are kept, and clip only when written as PCM)
     * @param sampleRate samples per second, in Hz (> 0)
     * @return the sound, holding a copy of {@code samples}
     */
    public static Audio mono(float[] samples, int sampleRate) {
        return of(new float[][] {samples}, sampleRate);
    }

    /** As {@link #mono(float[], int)}, from double samples (narrowed to float). */
    public static Audio mono(double[] samples, int sampleRate) {
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) samples[i];
        }
        return new Audio(new float[][] {checkFinite(f, 0)}, checkRate(sampleRate));
    }

    /**
     * A sound with one array per channel.
     *
     * @param channels   {@code [channel][sample]}; at least one channel, all of the same length, finite values
     * @param sampleRate samples per second per channel, in Hz (> 0)
     * @return the sound, holding copies of the arrays
     * @throws IllegalArgumentException on no channels, ragged channels, NaN/Inf samples or a rate ≤ 0
     */
    public static Audio of(float[][] channels, int sampleRate) {
        checkRate(sampleRate);
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        float[][] copy = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != channels[0].length) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " samples but channel 0 has " + channels[0].length);
            }
            copy[c] = checkFinite(channels[c].clone(), c);
        }
        return new Audio(copy, sampleRate);
    }

    private static int checkRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be > 0 Hz, got " + sampleRate);
        }
        return sampleRate;
    }

    private static float[] checkFinite(float[] samples, int channel) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException("channel " + channel + " sample " + i + " is " + samples[i]
                        + "; audio samples must be finite");
            }
        }
        return samples;
    }

    /** @return samples per second per channel, in Hz */
    public int sampleRate() {
        return sampleRate;
    }

    /** @return number of channels (1 for mono) */
    public int channelCount() {
        return channels.length;
    }

    /** @return samples per channel (a "frame" holds one sample of every channel) */
    public int frameCount() {
        return channels[0].length;
    }

    /** @return length in seconds: {@code frameCount / sampleRate} */
    public double durationSeconds() {
        return (double) frameCount() / sampleRate;
    }

    /**
     * Where this sound begins on the time line of the recording it comes from: 0 for a whole recording (read,
     * synthesised or built from samples), {@code start + from} for {@code trim(from, to)} of a sound that began at
     * {@code start}. Gain, mixdown, joining and resampling keep it; its plots and spectrograms are labelled from it.
     *
     * @return the time of sample 0, in seconds
     */
    public double startSeconds() {
        return startSeconds;
    }

    /** @return where this sound ends, in seconds: {@code startSeconds() + durationSeconds()} */
    public double endSeconds() {
        return startSeconds + durationSeconds();
    }

    /**
     * The same samples placed at another time, e.g. {@code startingAt(0)} to count a part's times from its own start.
     *
     * @param seconds the time of sample 0, in seconds (finite)
     * @return the sound, starting there
     */
    public Audio startingAt(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("a sound's start must be a finite time in seconds, got " + seconds);
        }
        return new Audio(channels, sampleRate, seconds == 0 ? 0 : seconds); // -0.0 is 0
    }

    /**
     * @param channel channel index, 0-based
     * @return a copy of that channel's samples
     */
    public float[] channel(int channel) {
        if (channel < 0 || channel >= channels.length) {
            throw new IndexOutOfBoundsException("channel " + channel + " of " + channels.length);
        }
        return channels[channel].clone();
    }

    /** @return the samples of a mono sound, or of the mixdown (channel mean) of a multi-channel one */
    public float[] samples() {
        return mixdown().channels[0].clone();
    }

    /**
     * @return {@link #samples()} widened to {@code double} (exactly), as the functions of
     *         {@code org.earshot.features.Spectral} take them
     */
    public double[] doubleSamples() {
        float[] x = mixdown().channels[0];
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            y[n] = x[n];
        }
        return y;
    }

    /**
     * Copies part of {@link #doubleSamples()} without making the whole array: what a long sound's feature
     * extraction reads block by block.
     *
     * @param from   first sample (frame index) to copy
     * @param dst    receives the samples, widened to {@code double}
     * @param offset where in {@code dst} the first goes
     * @param count  how many
     * @throws IndexOutOfBoundsException when the range is outside the sound or {@code dst}
     */
    public void copySamples(int from, double[] dst, int offset, int count) {
        java.util.Objects.checkFromIndexSize(from, count, frameCount());
        java.util.Objects.checkFromIndexSize(offset, count, dst.length);
        if (channels.length == 1) {
            float[] x = channels[0];
            for (int n = 0; n < count; n++) {
                dst[offset + n] = x[from + n];
            }
            return;
        }
        for (int n = 0; n < count; n++) { // the channel mean, in the same float arithmetic as mixdown()
            float sum = 0;
            for (float[] ch : channels) {
                sum += ch[from + n];
            }
            dst[offset + n] = sum / channels.length;
        }
    }

    /** @return the mean of the channels as a mono sound (this value itself when already mono) */
    public Audio mixdown() {
        if (channels.length == 1) {
            return this;
        }
        float[] mono = new float[frameCount()];
        for (float[] ch : channels) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += ch[i];
            }
        }
        for (int i = 0; i < mono.length; i++) {
            mono[i] /= channels.length;
        }
        return new Audio(new float[][] {mono}, sampleRate, startSeconds);
    }

    /** @return the largest absolute sample over all channels (0 for silence or no samples) */
    public double peak() {
        double peak = 0;
        for (float[] ch : channels) {
            for (float v : ch) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return peak;
    }

    /**
     * Peak level in decibels relative to full scale: {@code 20·log10(peak)}; 0 dBFS is a sample of ±1.
     *
     * @return the level, or {@link Double#NEGATIVE_INFINITY} for digital silence
     */
    public double peakDbfs() {
        return 20 * Math.log10(peak());
    }

    /**
     * Root-mean-square level over all channels, {@code √(Σ x²/N)}.
     *
     * @return the RMS (0 for silence)
     */
    public double rms() {
        double sum = 0;
        long n = 0;
        for (float[] ch : channels) {
            for (float v : ch) {
                sum += (double) v * v;
            }
            n += ch.length;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /**
     * RMS level in dBFS, {@code 20·log10(rms)}; a full-scale sine is −3.01 dBFS.
     *
     * @return the level, or {@link Double#NEGATIVE_INFINITY} for digital silence
     */
    public double rmsDbfs() {
        return 20 * Math.log10(rms());
    }

    /**
     * The part between two times, counted from this sound's first sample; the part remembers where it was cut
     * ({@link #startSeconds()}), so {@code speech.trim(0.2, 1.2)} is drawn from 0.2 to 1.2 s.
     *
     * @param startSeconds where to start, in seconds from this sound's first sample (≥ 0)
     * @param endSeconds   where to stop, in seconds from this sound's first sample (≤ duration, > start)
     * @return samples {@code round(start·sr) … round(end·sr) − 1} of every channel, starting at
     *         {@code this.startSeconds() + round(start·sr)/sr}
     */
    public Audio trim(double startSeconds, double endSeconds) {
        int from = (int) Math.round(startSeconds * sampleRate);
        int to = (int) Math.round(endSeconds * sampleRate);
        if (from < 0 || to > frameCount() || from >= to) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "cannot trim %.3f–%.3f s from %.3f s of audio", startSeconds, endSeconds, durationSeconds()));
        }
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = Arrays.copyOfRange(channels[c], from, to);
        }
        return new Audio(out, sampleRate, this.startSeconds + (double) from / sampleRate);
    }

    /**
     * This sound followed by another.
     *
     * @param next a sound with the same sample rate and channel count
     * @return both, one after the other, starting where this one starts
     */
    public Audio concat(Audio next) {
        if (next.sampleRate != sampleRate || next.channels.length != channels.length) {
            throw new IllegalArgumentException("cannot join " + this + " and " + next
                    + ": sample rate and channel count must match");
        }
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = Arrays.copyOf(channels[c], channels[c].length + next.channels[c].length);
            System.arraycopy(next.channels[c], 0, out[c], channels[c].length, next.channels[c].length);
        }
        return new Audio(out, sampleRate, startSeconds);
    }

    /**
     * Louder or softer: every sample times {@code 10^(gainDb/20)} (+6.02 dB doubles the amplitude). Samples may
     * exceed ±1; they clip only when written as integer PCM.
     *
     * @param gainDb gain in dB
     * @return the scaled sound
     */
    public Audio gain(double gainDb) {
        double factor = Math.pow(10, gainDb / 20);
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = new float[channels[c].length];
            for (int n = 0; n < out[c].length; n++) {
                out[c][n] = (float) (channels[c][n] * factor);
            }
        }
        return new Audio(out, sampleRate, startSeconds);
    }

    /**
     * The time of each sample, {@code t[n] = startSeconds() + n / sampleRate}.
     *
     * @return seconds, one per frame
     */
    public double[] times() {
        double[] t = new double[frameCount()];
        for (int n = 0; n < t.length; n++) {
            t[n] = startSeconds + (double) n / sampleRate;
        }
        return t;
    }

    /**
     * One line: duration (and where it starts, for a part of a recording), rate, channels and peak level, e.g.
     * {@code Audio[1.000 s, 16000 Hz, mono, peak -6.0 dBFS]} or {@code Audio[1.000 s from 0.200 s, 16000 Hz, …]}.
     */
    @Override
    public String toString() {
        String chans = channels.length == 1 ? "mono" : channels.length == 2 ? "stereo" : channels.length + " channels";
        double dbfs = peakDbfs();
        String peak = Double.isInfinite(dbfs) ? "silent" : String.format(java.util.Locale.ROOT, "peak %.1f dBFS", dbfs);
        String from = startSeconds == 0 ? "" : String.format(java.util.Locale.ROOT, " from %.3f s", startSeconds);
        return String.format(java.util.Locale.ROOT, "Audio[%.3f s%s, %d Hz, %s, %s]",
                durationSeconds(), from, sampleRate, chans, peak);
    }

    /** Equal sounds have the same samples, sample rate and start time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Audio other && other.sampleRate == sampleRate
                && Double.compare(other.startSeconds, startSeconds) == 0 && Arrays.deepEquals(other.channels, channels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sampleRate + Double.hashCode(startSeconds)) + Arrays.deepHashCode(channels);
    }
}
