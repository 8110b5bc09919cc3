package org.earshot.audio;

import java.util.Optional;


/**
 * A time–frequency picture of a sound: {@code values[bin][frame]}, plus everything needed to label it.
 *
 * <p>The value carries its sample rate, hop length, FFT size, framing convention, frequency scale (linear Hz,
 * or mel bands of a given {@link MelScale} between {@code fMinHz} and {@code fMaxHz}) and what its numbers are
 * ({@link Amplitude}). So {@link #times()} and {@link #frequencies()} are derived, never guessed, and a plot of it
 * cannot be mislabelled (§21.1).
 *
 * <ul>
 *   <li>Frame {@code t} is centred at {@code t·hop/sr} seconds when {@code centered} (the signal was padded by
 *       {@code nFft/2} on both sides, as {@code torch.stft(center=True)}), else at {@code (t·hop + nFft/2)/sr},
 *       plus {@link #startSeconds()}: where the analysed sound began ({@code Audio.startSeconds()}, 0 for a whole
 *       recording), so a part cut from 0.2 s has its first frame at 0.2 s.</li>
 *   <li>Linear bin {@code k} is at {@code k·sr/nFft} Hz, {@code k = 0 … nFft/2}.</li>
 *   <li>Mel band {@code i} of {@code n} is centred at {@code mel(fMin) + (i+1)·(mel(fMax) − mel(fMin))/(n+1)} mel,
 *       the peaks of the triangular filters of {@code torchaudio.functional.melscale_fbanks}.</li>
 * </ul>
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class Spectrogram {

    /** What the numbers of a spectrogram are. */
    public enum Amplitude {
        /** {@code |X|}. */
        MAGNITUDE,
        /** {@code |X|²}. */
        POWER,
        /** Decibels, {@code 10·log10(power)} (or {@code 20·log10(magnitude)}). */
        DECIBELS
    }

    private final double[][] values;
    private final Framing framing;
    private final Amplitude amplitude;
    private final MelScale melScale; // null: linear frequency bins
    private final double fMinHz;
    private final double fMaxHz;
    private final double startSeconds;

    /** Takes ownership of {@code values}: callers pass a fresh array or a {@link #copyOf} copy. */
    private Spectrogram(double[][] values, Amplitude amplitude, int sampleRate, int nFft, int hopLength,
                        boolean centered, MelScale melScale, double fMinHz, double fMaxHz) {
        this(values, amplitude, new Framing(sampleRate, nFft, hopLength, centered), melScale, fMinHz, fMaxHz, 0);
    }

    private Spectrogram(double[][] values, Amplitude amplitude, Framing framing, MelScale melScale, double fMinHz,
                        double fMaxHz, double startSeconds) {
        this.values = Matrices.requireRectangular(values, "bin");
        this.framing = framing;
        this.amplitude = amplitude;
        this.melScale = melScale;
        this.fMinHz = fMinHz;
        this.fMaxHz = fMaxHz;
        this.startSeconds = startSeconds;
    }

    /**
     * A spectrogram with linear frequency bins {@code k·sr/nFft}, {@code k = 0 … nFft/2}.
     *
     * @param values     {@code [nFft/2 + 1][frames]}
     * @param amplitude  what the values are
     * @param sampleRate of the analysed sound, in Hz
     * @param nFft       FFT size, in samples
     * @param hopLength  frame step, in samples
     * @param centered   whether frames are centred on {@code t·hop} (padded signal)
     * @return the value
     */
    public static Spectrogram linear(double[][] values, Amplitude amplitude, int sampleRate, int nFft, int hopLength,
                                     boolean centered) {
        if (values.length != nFft / 2 + 1) {
            throw new IllegalArgumentException("a linear spectrogram with n_fft " + nFft + " has " + (nFft / 2 + 1)
                    + " bins, got " + values.length);
        }
        return new Spectrogram(copyOf(values), amplitude, sampleRate, nFft, hopLength, centered, null, 0,
                sampleRate / 2.0);
    }

    /**
     * A spectrogram of mel bands.
     *
     * @param values     {@code [nMels][frames]}
     * @param amplitude  what the values are
     * @param sampleRate of the analysed sound, in Hz
     * @param nFft       FFT size, in samples
     * @param hopLength  frame step, in samples
     * @param centered   whether frames are centred on {@code t·hop}
     * @param melScale   the mel scale the filterbank was built on
     * @param fMinHz     lowest filter edge, in Hz
     * @param fMaxHz     highest filter edge, in Hz
     * @return the value
     */
    public static Spectrogram mel(double[][] values, Amplitude amplitude, int sampleRate, int nFft, int hopLength,
                                  boolean centered, MelScale melScale, double fMinHz, double fMaxHz) {
        if (!(0 <= fMinHz && fMinHz < fMaxHz)) {
            throw new IllegalArgumentException("need 0 ≤ f_min < f_max, got f_min " + fMinHz + " Hz, f_max " + fMaxHz + " Hz");
        }
        return new Spectrogram(copyOf(values), amplitude, sampleRate, nFft, hopLength, centered,
                java.util.Objects.requireNonNull(melScale, "melScale"), fMinHz, fMaxHz);
    }

    /**
     * The same axes with other values, e.g. after converting power to decibels.
     *
     * @param newValues {@code [bins][frames]} of the same shape
     * @param newAmplitude what they are
     * @return the new value
     */
    public Spectrogram withValues(double[][] newValues, Amplitude newAmplitude) {
        return withOwnValues(copyOf(newValues), newAmplitude);
    }

    private Spectrogram withOwnValues(double[][] newValues, Amplitude newAmplitude) {
        if (newValues.length != values.length || newValues[0].length != values[0].length) {
            throw new IllegalArgumentException("new values must keep the shape " + values.length + "×" + values[0].length);
        }
        return new Spectrogram(newValues, newAmplitude, framing, melScale, fMinHz, fMaxHz, startSeconds);
    }

    /**
     * The same values of a sound that began at another time (what {@code Stft} and {@code MelSpectrogram} do with
     * {@code Audio.startSeconds()}); only {@link #times()} moves.
     *
     * @param seconds where the analysed sound began, in seconds (finite)
     * @return the spectrogram, its frame times shifted to start there
     */
    public Spectrogram startingAt(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("a spectrogram's start must be a finite time in seconds, got " + seconds);
        }
        // the values array is never handed out or written to, so the shifted value may share it
        return new Spectrogram(values, amplitude, framing, melScale, fMinHz, fMaxHz, seconds == 0 ? 0 : seconds);
    }

    /** @return where the analysed sound began, in seconds: 0 for a whole recording (see {@link #startingAt}) */
    public double startSeconds() {
        return startSeconds;
    }

    private static double[][] copyOf(double[][] a) {
        return Matrices.copy(a);
    }

    /**
     * In decibels: {@code 10·log10(max(power, amin))}, or {@code 20·log10(max(magnitude, amin))}, with
     * {@code amin = 1e-10} as torchaudio's {@code AmplitudeToDB}; no {@code top_db} clamp. A value already in dB
     * is returned as it is.
     *
     * @return the dB spectrogram
     */
    public Spectrogram toDecibels() {
        return toDecibels(Double.POSITIVE_INFINITY);
    }

    /**
     * In decibels with a floor {@code topDb} below the maximum, as torchaudio's {@code AmplitudeToDB(top_db=…)}:
     * {@code x_dB = max(10·log10(max(x, 1e-10)), max(x_dB) − topDb)} (20·log10 for magnitudes). A value already in
     * dB gets only the floor. The floor is relative to this spectrogram's own maximum, as torchaudio on one
     * {@code (freq, time)} spectrogram; the formulas are {@link Decibels#powerToDb},
     * {@link Decibels#magnitudeToDb} and {@link Decibels#topDbFloor}.
     *
     * @param topDb dynamic range kept, in dB (> 0; {@code Double.POSITIVE_INFINITY} for none)
     * @return the dB spectrogram
     */
    public Spectrogram toDecibels(double topDb) {
        double[][] db = switch (amplitude) {
            case POWER -> Decibels.powerToDb(values, topDb);
            case MAGNITUDE -> Decibels.magnitudeToDb(values, topDb);
            case DECIBELS -> Decibels.topDbFloor(values, topDb);
        };
        return withOwnValues(db, Amplitude.DECIBELS);
    }

    /** @return {@code [bin][frame]}, a copy */
    public double[][] values() {
        return copyOf(values);
    }

    /** @return one value, without copying the whole array */
    public double value(int bin, int frame) {
        return values[bin][frame];
    }

    /** @return number of frequency bins (rows) */
    public int binCount() {
        return values.length;
    }

    /** @return number of frames (columns) */
    public int frameCount() {
        return values[0].length;
    }

    public Amplitude amplitude() {
        return amplitude;
    }

    /** @return sample rate of the analysed sound, in Hz */
    public int sampleRate() {
        return framing.sampleRate();
    }

    /** @return FFT size, in samples */
    public int nFft() {
        return framing.nFft();
    }

    /** @return frame step, in samples */
    public int hopLength() {
        return framing.hopLength();
    }

    public boolean centered() {
        return framing.centered();
    }

    /** @return the mel scale of the bands, or empty for linear frequency bins */
    public Optional<MelScale> melScale() {
        return Optional.ofNullable(melScale);
    }

    /** @return lowest frequency covered, in Hz */
    public double fMinHz() {
        return fMinHz;
    }

    /** @return highest frequency covered, in Hz */
    public double fMaxHz() {
        return fMaxHz;
    }

    /** @return how the sound was cut into frames */
    public Framing framing() {
        return framing;
    }

    /** @return the time of each frame's centre, in seconds: {@link Framing#frameTimes} + {@link #startSeconds()} */
    public double[] times() {
        double[] t = framing.frameTimes(frameCount());
        for (int i = 0; i < t.length; i++) {
            t[i] += startSeconds;
        }
        return t;
    }

    /** @return the unit of {@link #frequencies()}: {@code "Hz"} for linear bins, {@code "mel"} for mel bands */
    public String frequencyUnit() {
        return melScale == null ? "Hz" : "mel";
    }

    /** @return each bin's centre in {@link #frequencyUnit()}: Hz for linear bins, mel for mel bands */
    public double[] frequencies() {
        double[] f = new double[binCount()];
        if (melScale == null) {
            for (int k = 0; k < f.length; k++) {
                f[k] = k * (double) framing.sampleRate() / framing.nFft();
            }
        } else {
            double lo = melScale.hzToMel(fMinHz);
            double step = (melScale.hzToMel(fMaxHz) - lo) / (f.length + 1);
            for (int i = 0; i < f.length; i++) {
                f[i] = lo + (i + 1) * step;
            }
        }
        return f;
    }

    /** @return each bin's centre in Hz (for mel bands, the mel centre converted back to Hz) */
    public double[] frequenciesHz() {
        double[] f = frequencies();
        if (melScale != null) {
            for (int i = 0; i < f.length; i++) {
                f[i] = melScale.melToHz(f[i]);
            }
        }
        return f;
    }

    /** @return duration covered by the frames, in seconds: {@code frames·hop/sr} */
    public double durationSeconds() {
        return frameCount() * framing.frameStepSeconds();
    }

    @Override
    public String toString() {
        String scale = melScale == null ? "linear Hz" : "mel (" + melScale + ")";
        String from = startSeconds == 0 ? "" : String.format(java.util.Locale.ROOT, ", from %.3f s", startSeconds);
        return String.format(java.util.Locale.ROOT, "Spectrogram[%d bins × %d frames, %s, %s, %d Hz, n_fft %d, hop %d%s]",
                binCount(), frameCount(), scale, amplitude.name().toLowerCase(java.util.Locale.ROOT),
                framing.sampleRate(), framing.nFft(), framing.hopLength(), from);
    }
}
