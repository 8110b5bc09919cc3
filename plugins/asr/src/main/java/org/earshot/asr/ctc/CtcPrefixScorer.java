package org.earshot.asr.ctc;

import java.util.Arrays;

/**
 * The CTC <em>prefix score</em> of a partial transcript (Watanabe et al., "Hybrid CTC/Attention Architecture for
 * End-to-End Speech Recognition", 2017, Algorithm 2): the probability, under a CTC model's per-frame outputs
 * {@code y[t][k]} (t = 1…T), that the transcript <em>begins</em> with the prefix g — summed over every alignment whose
 * collapse starts with g. An attention decoder scored jointly with it cannot drift away from the audio: a prefix
 * that repeats words or skips ahead has a tiny prefix score.
 *
 * <p>For each prefix g two forward variables are kept per frame: γ<sup>n</sup><sub>t</sub>(g), the probability that
 * frames 1…t emit g ending in its last label, and γ<sup>b</sup><sub>t</sub>(g), ending in blank. For h = g + c:
 * <pre>
 *   φ_{t-1}  = γᵇ_{t-1}(g) + (c == last(g) ? 0 : γⁿ_{t-1}(g))
 *   γⁿ_t(h)  = (γⁿ_{t-1}(h) + φ_{t-1}) · y_t(c)          γⁿ_1(h) = y_1(c) if g is empty, else 0
 *   γᵇ_t(h)  = (γᵇ_{t-1}(h) + γⁿ_{t-1}(h)) · y_t(blank)   γᵇ_1(h) = 0
 *   P(h…)    = γⁿ_1(h) + Σ_{t=2..T} φ_{t-1} · y_t(c)
 * </pre>
 * and the probability that the whole transcript <em>is</em> g: γⁿ_T(g) + γᵇ_T(g). All in natural logs here.
 */
public final class CtcPrefixScorer {

    /**
     * A prefix's forward variables and scores.
     *
     * @param last   its last CTC label, or -1 for the empty prefix
     * @param prefix ln P(transcript begins with the prefix)
     */
    public record State(double[] nonBlank, double[] blank, int last, double prefix) {

        /** @return ln P(transcript is exactly the prefix) */
        public double whole() {
            int t = nonBlank.length - 1;
            return Ctc.logAdd(nonBlank[t], blank[t]);
        }
    }

    private final double[][] logProbs;
    private final int blankLabel;

    /**
     * @param logProbs   {@code [frame][label]} natural-log CTC outputs
     * @param blankLabel the blank's label
     */
    public CtcPrefixScorer(double[][] logProbs, int blankLabel) {
        if (logProbs.length == 0) {
            throw new IllegalArgumentException("no frames");
        }
        this.logProbs = logProbs;
        this.blankLabel = blankLabel;
    }

    /** @return the empty prefix: all blanks so far, P(begins with nothing) = 1 */
    public State empty() {
        int frames = logProbs.length;
        double[] n = new double[frames];
        double[] b = new double[frames];
        Arrays.fill(n, Double.NEGATIVE_INFINITY);
        double sum = 0;
        for (int t = 0; t < frames; t++) {
            sum += logProbs[t][blankLabel];
            b[t] = sum;
        }
        return new State(n, b, -1, 0);
    }

    /**
     * @param g     a prefix
     * @param label the label to append (not blank)
     * @return the state of g + label
     */
    public State extend(State g, int label) {
        int frames = logProbs.length;
        double[] n = new double[frames];
        double[] b = new double[frames];
        n[0] = g.last() == -1 ? logProbs[0][label] : Double.NEGATIVE_INFINITY;
        b[0] = Double.NEGATIVE_INFINITY;
        double prefix = n[0];
        for (int t = 1; t < frames; t++) {
            double phi = g.last() == label ? g.blank()[t - 1] : Ctc.logAdd(g.blank()[t - 1], g.nonBlank()[t - 1]);
            n[t] = Ctc.logAdd(n[t - 1], phi) + logProbs[t][label];
            b[t] = Ctc.logAdd(b[t - 1], n[t - 1]) + logProbs[t][blankLabel];
            prefix = Ctc.logAdd(prefix, phi + logProbs[t][label]);
        }
        return new State(n, b, label, prefix);
    }
}
