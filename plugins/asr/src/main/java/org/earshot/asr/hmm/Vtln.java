package org.earshot.asr.hmm;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Vocal tract length normalisation (§21.2): a voice heard for the first time — a child's, or a synthetic voice
 * pitched and shaped unlike any in training — has its formants at other frequencies than the voices the model
 * learned, and the GMMs, which model spectra, score it badly. VTLN warps the frequency axis of the features by a
 * factor {@code α} ({@link AcousticFeatures#of(org.earshot.audio.Audio, double)}) and keeps the warp under which
 * the model explains the utterance best:
 * <pre>
 *   α* = argmax_α  (1/T) · log p(X_α, best path | words)      over α ∈ {0.88, 0.92, …, 1.12}
 * </pre>
 * At test time the words are unknown, so a first decoding pass supplies them (its errors barely move α*), and the
 * second pass decodes the warped features.
 */
public final class Vtln {

    private Vtln() {
    }

    /**
     * @param model    the acoustic model
     * @param lexicon  pronunciations
     * @param words    the transcript (or a first-pass hypothesis)
     * @param features warp factor → the utterance's features under it
     * @return the warp factor whose forced alignment scores best per frame (1.0 when the words are empty)
     */
    public static double bestWarp(AcousticModel model, Lexicon lexicon, List<String> words,
                                  DoubleFunction<double[][]> features) {
        if (words.isEmpty()) {
            return 1.0;
        }
        int[] sequence = model.statesOf(words, lexicon);
        double best = 1.0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double warp : AcousticFeatures.WARPS) {
            double score = ViterbiTrainer.alignmentScorePerFrame(model, features.apply(warp), sequence);
            if (score > bestScore) {
                bestScore = score;
                best = warp;
            }
        }
        return best;
    }
}
