package org.earshot.metrics;

import org.earshot.audio.Audio;

/**
 * Signal-to-noise ratio of a degraded signal against its clean reference, overall and segmental (§21.1; used by
 * every section that adds noise or enhances speech).
 *
 * <p>Overall SNR treats everything that differs from the reference as noise:
 * <pre>SNR = 10·log10( Σₙ s[n]² / Σₙ (s[n] − ŝ[n])² )   dB</pre>
 * with {@code s} the clean reference and {@code ŝ} the degraded (or enhanced) signal. Worked example (the
 * chapter's): noise 10× weaker than the speech in amplitude is 100× weaker in power, so SNR = 10·log10(100) = 20 dB.
 *
 * <p>Segmental SNR averages the SNR of short frames, so quiet passages count as much as loud ones:
 * <pre>segSNR = (1/K) Σₖ clamp( 10·log10( Σ_{n∈k} s[n]² / Σ_{n∈k} (s[n] − ŝ[n])² ), −10, 35 )   dB</pre>
 * over {@code K = 1 + ⌊(N − frameLength) / hopLength⌋} rectangular frames (no padding; the last partial frame is
 * left out). The clamp to [−10, 35] dB is the classic definition (Hansen &amp; Pellom 1998, "An effective quality
 * evaluation protocol for speech enhancement algorithms"; Loizou, <i>Speech Enhancement</i>, {@code comp_snr.m}):
 * without it a silent frame (−∞ dB) or a perfectly
 * reproduced one (+∞ dB) would dominate the mean. Edge frames follow Loizou's {@code eps} guard: no error gives
 * the upper bound, 35 dB (or −10 dB when the reference frame is silent too), a silent reference frame with error
 * gives −10 dB. Loizou's script also weights each frame by a Hann window; we do not (rectangular frames, as the
 * formula above).
 *
 * <p>Signals are given reference first, as in mir_eval ({@code bss_eval(reference, estimated)}).
 *
 * @see "P. C. Loizou, Speech Enhancement: Theory and Practice, 2nd ed., CRC Press 2013 (comp_snr.m)"
 */
public final class Snr {

    /** Lower clamp of a frame's SNR in {@link #segmentalSnrDb}, dB. */
    public static final double MIN_FRAME_SNR_DB = -10.0;
    /** Upper clamp of a frame's SNR in {@link #segmentalSnrDb}, dB. */
    public static final double MAX_FRAME_SNR_DB = 35.0;

    private Snr() {
    }

    /**
     * @param clean    the clean reference {@code s} (not all zero)
     * @param degraded the degraded or enhanced signal {@code ŝ}, same length
     * @return {@code 10·log10(Σs² / Σ(s − ŝ)²)} in dB; {@code +∞} when the two are identical
     * @throws IllegalArgumentException when the lengths differ, the signals are empty or the reference is silent
     */
    public static double snrDb(double[] clean, double[] degraded) {
        checkPair(clean, degraded);
        double signal = 0;
        double noise = 0;
        for (int n = 0; n < clean.length; n++) {
            double e = clean[n] - degraded[n];
            signal += clean[n] * clean[n];
            noise += e * e;
        }
        if (signal == 0) {
            throw new IllegalArgumentException("the clean reference is silent (all zero): its SNR is undefined");
        }
        return 10.0 * Math.log10(signal / noise);
    }

    /**
     * @param clean    the clean reference (multi-channel sounds are mixed down)
     * @param degraded the degraded sound, same sample rate and length
     * @return the overall SNR in dB, as {@link #snrDb(double[], double[])}
     */
    public static double snrDb(Audio clean, Audio degraded) {
        checkAudio(clean, degraded);
        return snrDb(toDouble(clean.samples()), toDouble(degraded.samples()));
    }

    /**
     * Per-frame SNR, each clamped to [{@value #MIN_FRAME_SNR_DB}, {@value #MAX_FRAME_SNR_DB}] dB.
     *
     * @param clean       the clean reference {@code s}
     * @param degraded    the degraded signal {@code ŝ}, same length
     * @param frameLength samples per frame (≥ 1, ≤ the signal length)
     * @param hopLength   samples between frame starts (≥ 1)
     * @return {@code double[K]}, frame k covering samples {@code [k·hopLength, k·hopLength + frameLength)}
     */
    public static double[] frameSnrDb(double[] clean, double[] degraded, int frameLength, int hopLength) {
        checkPair(clean, degraded);
        if (frameLength < 1 || hopLength < 1) {
            throw new IllegalArgumentException("frame_length (" + frameLength + ") and hop_length (" + hopLength
                    + ") must be ≥ 1 sample");
        }
        if (frameLength > clean.length) {
            throw new IllegalArgumentException("frame_length (" + frameLength + ") must be ≤ the signal length ("
                    + clean.length + " samples)");
        }
        int frames = 1 + (clean.length - frameLength) / hopLength;
        double[] out = new double[frames];
        for (int k = 0; k < frames; k++) {
            double signal = 0;
            double noise = 0;
            for (int n = k * hopLength; n < k * hopLength + frameLength; n++) {
                double e = clean[n] - degraded[n];
                signal += clean[n] * clean[n];
                noise += e * e;
            }
            double db;
            if (noise == 0) {
                db = signal > 0 ? MAX_FRAME_SNR_DB : MIN_FRAME_SNR_DB;
            } else if (signal == 0) {
                db = MIN_FRAME_SNR_DB;
            } else {
                db = 10.0 * Math.log10(signal / noise);
            }
            out[k] = Math.min(MAX_FRAME_SNR_DB, Math.max(MIN_FRAME_SNR_DB, db));
        }
        return out;
    }

    /**
     * @param clean       the clean reference
     * @param degraded    the degraded signal, same length
     * @param frameLength samples per frame (e.g. 30 ms: 480 at 16 kHz)
     * @param hopLength   samples between frames (e.g. a quarter frame, as Loizou)
     * @return the mean of {@link #frameSnrDb}, in dB
     */
    public static double segmentalSnrDb(double[] clean, double[] degraded, int frameLength, int hopLength) {
        double sum = 0;
        double[] frames = frameSnrDb(clean, degraded, frameLength, hopLength);
        for (double f : frames) {
            sum += f;
        }
        return sum / frames.length;
    }

    /**
     * @param clean        the clean reference (mixed down)
     * @param degraded     the degraded sound, same sample rate and length
     * @param frameSeconds frame duration in seconds (30 ms is usual), rounded to whole samples
     * @param hopSeconds   hop in seconds (7.5 ms is usual), rounded to whole samples
     * @return segmental SNR in dB
     */
    public static double segmentalSnrDb(Audio clean, Audio degraded, double frameSeconds, double hopSeconds) {
        checkAudio(clean, degraded);
        int frame = (int) Math.round(frameSeconds * clean.sampleRate());
        int hop = (int) Math.round(hopSeconds * clean.sampleRate());
        return segmentalSnrDb(toDouble(clean.samples()), toDouble(degraded.samples()), frame, hop);
    }

    static void checkPair(double[] reference, double[] other) {
        if (reference.length == 0) {
            throw new IllegalArgumentException("the signals are empty");
        }
        if (reference.length != other.length) {
            throw new IllegalArgumentException("the reference has " + reference.length + " samples but the other signal "
                    + other.length + ": they must be aligned and of equal length");
        }
    }

    static void checkAudio(Audio reference, Audio other) {
        if (reference.sampleRate() != other.sampleRate()) {
            throw new IllegalArgumentException("sample rates differ: " + reference.sampleRate() + " Hz and "
                    + other.sampleRate() + " Hz (resample first)");
        }
    }

    static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
