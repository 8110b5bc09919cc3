package org.earshot.speakers.verification;

import java.util.List;

import org.earshot.metrics.Verification;

/**
 * Speaker verification by cosine scoring (§21.4): a trial's score is {@code cos(enrolled, test)}; the test clip is
 * accepted as the enrolled speaker when the score is ≥ a threshold θ (voice unlock: 1-to-1). How good the scores are
 * does not depend on θ: the ROC/DET curve, the equal error rate and minDCF summarise every θ at once, and come from
 * kernel-lib's {@link Verification} (scikit-learn's {@code roc_curve} points, Kaldi's minDCF). Choosing θ is then a
 * separate decision, {@link OperatingPoint}: at the EER, or at a false-accept rate the application can bear.
 *
 * <p>Worked example (the chapter's vectors): enrolled [0.9, 0.1, 0.4]; the same user [0.8, 0.2, 0.5] scores 0.98 and
 * an impostor [0.1, 0.9, 0.2] 0.28 (the chapter prints 0.97 and 0.45, which these vectors do not give); at θ = 0.7 the
 * first is accepted and the second rejected.
 */
public final class CosineScoring {

    private CosineScoring() {
    }

    /**
     * @param trials at least one target and one non-target trial
     * @return the curve, EER and minDCF of their cosine scores
     * @throws IllegalArgumentException when either kind of trial is missing
     */
    public static Verification evaluate(List<Trial> trials) {
        long targets = trials.stream().filter(Trial::target).count();
        double[] target = new double[(int) targets];
        double[] nonTarget = new double[trials.size() - (int) targets];
        int t = 0;
        int n = 0;
        for (Trial trial : trials) {
            if (trial.target()) {
                target[t++] = trial.score();
            } else {
                nonTarget[n++] = trial.score();
            }
        }
        return Verification.of(target, nonTarget);
    }

    /**
     * @param score     a trial's score
     * @param threshold θ
     * @return whether it is accepted: {@code score ≥ θ} (the convention of {@link Verification}'s curve)
     */
    public static boolean accepts(double score, double threshold) {
        return score >= threshold;
    }
}
