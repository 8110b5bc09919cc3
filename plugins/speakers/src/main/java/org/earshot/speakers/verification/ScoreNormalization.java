package org.earshot.speakers.verification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.earshot.metrics.Verification;
import org.earshot.speakers.embedding.Embedding;

/**
 * Adaptive symmetric score normalisation, AS-norm (Matějka et al., "Analysis of score normalization in multilingual
 * speaker recognition", 2017). A raw cosine means different things for different voices: some enrolled voices score
 * high against everybody. Each side of a trial is therefore compared with a cohort of other speakers (never the
 * trial's own: the training speakers), and the score is expressed in standard deviations above what that side scores
 * against its {@code top} closest cohort members:
 * <pre>
 *   s' = ½ [ (s − μ_e) / σ_e  +  (s − μ_t) / σ_t ]
 * </pre>
 * with μ_e, σ_e the mean and (population) deviation of the {@code top} highest cosines of the enrolled embedding
 * against the cohort, and μ_t, σ_t those of the test embedding. Normalised scores are no longer cosines: a threshold
 * chosen on raw scores does not apply to them.
 */
public final class ScoreNormalization {

    private final List<Embedding> cohort;
    private final int top;

    private ScoreNormalization(List<Embedding> cohort, int top) {
        this.cohort = List.copyOf(cohort);
        this.top = top;
    }

    /**
     * @param cohort embeddings of speakers who are in no trial (e.g. one mean embedding per training speaker)
     * @param top    how many of the closest cohort members set each side's statistics (2 ≤ top ≤ cohort size)
     * @return the normalisation
     */
    public static ScoreNormalization adaptiveSymmetric(List<Embedding> cohort, int top) {
        if (top < 2 || top > cohort.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "top %d of a cohort of %d: want 2 ≤ top ≤ cohort size", top, cohort.size()));
        }
        return new ScoreNormalization(cohort, top);
    }

    /** @return {μ, σ} of the {@code top} highest cosines of {@code e} against the cohort */
    double[] statistics(Embedding e) {
        double[] s = new double[cohort.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = e.cosine(cohort.get(i));
        }
        Arrays.sort(s);
        double mean = 0;
        for (int i = s.length - top; i < s.length; i++) {
            mean += s[i] / top;
        }
        double var = 0;
        for (int i = s.length - top; i < s.length; i++) {
            var += (s[i] - mean) * (s[i] - mean) / top;
        }
        return new double[] {mean, Math.sqrt(Math.max(var, 1e-12))};
    }

    /** @return the trial's normalised score s' */
    public double score(Trial trial) {
        return normalised(trial.score(), statistics(trial.enrolled()), statistics(trial.test()));
    }

    /** @return {@code s' = ½ [(s − μ_e)/σ_e + (s − μ_t)/σ_t]} from each side's {μ, σ} */
    private static double normalised(double s, double[] e, double[] t) {
        return 0.5 * ((s - e[0]) / e[1] + (s - t[0]) / t[1]);
    }

    /**
     * @param trials at least one target and one non-target trial
     * @return the curve, EER and minDCF of their normalised scores
     */
    public Verification evaluate(List<Trial> trials) {
        List<Double> target = new ArrayList<>();
        List<Double> nonTarget = new ArrayList<>();
        java.util.Map<Embedding, double[]> cache = new java.util.IdentityHashMap<>();
        for (Trial trial : trials) {
            double[] e = cache.computeIfAbsent(trial.enrolled(), this::statistics);
            double[] t = cache.computeIfAbsent(trial.test(), this::statistics);
            (trial.target() ? target : nonTarget).add(normalised(trial.score(), e, t));
        }
        return Verification.of(target.stream().mapToDouble(Double::doubleValue).toArray(),
                nonTarget.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public String toString() {
        return "ScoreNormalization[AS-norm, top " + top + " of a cohort of " + cohort.size() + "]";
    }
}
