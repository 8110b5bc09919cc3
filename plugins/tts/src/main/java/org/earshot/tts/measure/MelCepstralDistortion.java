package org.earshot.tts.measure;

import java.util.Arrays;

import org.earshot.audio.Audio;

/**
 * Mel-cepstral distortion (MCD): how far a synthetic voice's spectral envelope is from a recording of the same
 * words, in dB — the objective score TTS papers give beside listening tests (Kubichek 1993). Both are analysed into
 * mel-cepstra ({@link MelCepstrum}) at the same peak level, leading and trailing silence is dropped, the frames
 * are aligned by dynamic time warping on c̃[1 … 24] ({@link Dtw}; the two need not last as long), and along the path
 *
 * <pre>  MCD = mean over aligned pairs of (10 / ln 10) · √(2 Σ_{d=1}^{24} (c̃_d − c̃'_d)²)   dB</pre>
 *
 * <p>(SPTK's {@code cdist}; c̃[0], the loudness, is left out, so a louder copy is no worse). 0 dB is the same
 * envelope; between two recordings of one speaker saying the same words it is typically 4–6 dB, and different
 * speakers are further apart.
 */
public final class MelCepstralDistortion {

    /** A frame counts as speech when its level c̃[0] is within this many nepers of the loudest (≈ 40 dB). */
    public static final double SPEECH_RANGE_NEPERS = 40 / (20 / Math.log(10));

    /** The result: the distortion, and how many aligned pairs it averaged. */
    public record Result(double decibels, int pairs) {
    }

    private MelCepstralDistortion() {
    }

    /**
     * @param test      the synthetic voice
     * @param reference the recording of the same words
     * @return the distortion in dB over the DTW path
     */
    public static Result between(Audio test, Audio reference) {
        return between(MelCepstrum.of(atFullScale(test)), MelCepstrum.of(atFullScale(reference)), true);
    }

    /** Peak to full scale, so the floor ε of {@link MelCepstrum} lies as far below each (quiet frames alike). */
    private static Audio atFullScale(Audio a) {
        double peak = a.peak();
        return peak > 0 ? a.gain(-20 * Math.log10(peak)) : a;
    }

    /**
     * @param test       mel-cepstra {@code [frame][25]}
     * @param reference  mel-cepstra {@code [frame][25]}
     * @param trimSilence whether to drop each side's frames before the first and after the last within
     *                    {@link #SPEECH_RANGE_NEPERS} of its loudest
     * @return the distortion in dB over the DTW path
     */
    public static Result between(double[][] test, double[][] reference, boolean trimSilence) {
        double[][] t = trimSilence ? speech(test) : test;
        double[][] r = trimSilence ? speech(reference) : reference;
        Dtw.Alignment a = Dtw.align(shape(t), shape(r));
        double sum = 0;
        for (Dtw.Pair p : a.path()) {
            sum += decibels(t[p.test()], r[p.reference()]);
        }
        return new Result(sum / a.path().size(), a.path().size());
    }

    /** @return (10 / ln 10) · √(2 Σ_{d≥1} (a_d − b_d)²), SPTK cdist's dB distance of two frames */
    public static double decibels(double[] a, double[] b) {
        double sum = 0;
        for (int d = 1; d < a.length; d++) {
            double e = a[d] - b[d];
            sum += e * e;
        }
        return 10 / Math.log(10) * Math.sqrt(2 * sum);
    }

    private static double[][] shape(double[][] frames) {
        double[][] out = new double[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            out[i] = Arrays.copyOfRange(frames[i], 1, frames[i].length);
        }
        return out;
    }

    private static double[][] speech(double[][] frames) {
        double loudest = Double.NEGATIVE_INFINITY;
        for (double[] f : frames) {
            loudest = Math.max(loudest, f[0]);
        }
        int first = 0;
        while (first < frames.length && frames[first][0] < loudest - SPEECH_RANGE_NEPERS) {
            first++;
        }
        int last = frames.length - 1;
        while (last > first && frames[last][0] < loudest - SPEECH_RANGE_NEPERS) {
            last--;
        }
        return Arrays.copyOfRange(frames, first, last + 1);
    }
}
