package org.earshot.asr;

import java.util.Arrays;

import org.earshot.asr.ctc.Ctc;

/**
 * A hidden Markov model over {@code S} states (§21.2), in log space: initial log-probabilities {@code ln π_s} and
 * transition log-probabilities {@code ln a_{ij}}. Emissions are given per frame as {@code ln b_s(o_t)}, so the same
 * code serves discrete symbols, Gaussian mixtures or a network's scores.
 *
 * <ul>
 *   <li>Forward: {@code ln P(o_1…o_T) = ln Σ_s α_T(s)}, {@code α_t(j) = b_j(o_t) Σ_i α_{t−1}(i) a_ij}.</li>
 *   <li>Viterbi: the single best state sequence, {@code δ_t(j) = b_j(o_t) max_i δ_{t−1}(i) a_ij}, with back-pointers.</li>
 * </ul>
 *
 * @param logInitial    {@code ln π}, {@code [S]}
 * @param logTransition {@code ln a}, {@code [S][S]}, row = from, column = to
 */
public record Hmm(double[] logInitial, double[][] logTransition) {

    public Hmm {
        if (logTransition.length != logInitial.length) {
            throw new IllegalArgumentException(logInitial.length + " initial probabilities but " + logTransition.length
                    + " transition rows");
        }
        for (double[] row : logTransition) {
            if (row.length != logInitial.length) {
                throw new IllegalArgumentException("the transition matrix must be " + logInitial.length + "×" + logInitial.length);
            }
        }
        logInitial = logInitial.clone();
        logTransition = Arrays.stream(logTransition).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return the number of states */
    public int stateCount() {
        return logInitial.length;
    }

    /**
     * @param logEmission {@code ln b_s(o_t)}, {@code [T][S]}
     * @return the most likely state for every frame
     */
    public int[] viterbi(double[][] logEmission) {
        int frames = logEmission.length;
        int states = stateCount();
        double[] delta = new double[states];
        int[][] back = new int[frames][states];
        for (int s = 0; s < states; s++) {
            delta[s] = logInitial[s] + logEmission[0][s];
        }
        for (int t = 1; t < frames; t++) {
            double[] next = new double[states];
            for (int j = 0; j < states; j++) {
                int best = 0;
                for (int i = 1; i < states; i++) {
                    if (delta[i] + logTransition[i][j] > delta[best] + logTransition[best][j]) {
                        best = i;
                    }
                }
                next[j] = delta[best] + logTransition[best][j] + logEmission[t][j];
                back[t][j] = best;
            }
            delta = next;
        }
        int[] path = new int[frames];
        for (int s = 1; s < states; s++) {
            if (delta[s] > delta[path[frames - 1]]) {
                path[frames - 1] = s;
            }
        }
        for (int t = frames - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return path;
    }

    /**
     * @param logEmission {@code ln b_s(o_t)}, {@code [T][S]}
     * @return {@code ln P(o_1 … o_T)}, summing over all state sequences (forward algorithm)
     */
    public double logLikelihood(double[][] logEmission) {
        int states = stateCount();
        double[] alpha = new double[states];
        for (int s = 0; s < states; s++) {
            alpha[s] = logInitial[s] + logEmission[0][s];
        }
        for (int t = 1; t < logEmission.length; t++) {
            double[] next = new double[states];
            for (int j = 0; j < states; j++) {
                double sum = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < states; i++) {
                    sum = Ctc.logAdd(sum, alpha[i] + logTransition[i][j]);
                }
                next[j] = sum + logEmission[t][j];
            }
            alpha = next;
        }
        double total = Double.NEGATIVE_INFINITY;
        for (double a : alpha) {
            total = Ctc.logAdd(total, a);
        }
        return total;
    }
}
