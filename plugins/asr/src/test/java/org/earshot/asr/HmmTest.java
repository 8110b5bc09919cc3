package org.earshot.asr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HmmTest {

    static double[] ln(double... p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = Math.log(p[i]);
        }
        return l;
    }

    /** The textbook weather HMM (Jurafsky & Martin, appendix A): Hot/Cold days, ice creams eaten 3, 1, 3. */
    @Test
    void iceCreamExample() {
        Hmm hmm = new Hmm(ln(0.8, 0.2), new double[][] {ln(0.6, 0.4), ln(0.5, 0.5)});
        double[][] emit = {ln(0.4, 0.1), ln(0.2, 0.5), ln(0.4, 0.1)}; // P(3|H)=.4, P(3|C)=.1, P(1|H)=.2, P(1|C)=.5
        // H C H: .8·.4 · .4·.5 · .5·.4 = .0128 beats H H H: .8·.4 · .6·.2 · .6·.4 = .009216 (checked below)
        assertArrayEquals(new int[] {0, 1, 0}, hmm.viterbi(emit));
        // forward: sum over all 8 state sequences, by brute force
        double total = 0;
        double best = 0;
        double[][] p = {{0.4, 0.1}, {0.2, 0.5}, {0.4, 0.1}};
        double[] pi = {0.8, 0.2};
        double[][] a = {{0.6, 0.4}, {0.5, 0.5}};
        for (int code = 0; code < 8; code++) {
            int s0 = code & 1;
            int s1 = (code >> 1) & 1;
            int s2 = (code >> 2) & 1;
            double path = pi[s0] * p[0][s0] * a[s0][s1] * p[1][s1] * a[s1][s2] * p[2][s2];
            total += path;
            best = Math.max(best, path);
        }
        assertEquals(0.0128, best, 1e-15);
        assertEquals(Math.log(total), hmm.logLikelihood(emit), 1e-12);
    }

    @Test
    void leftToRightHmmFollowsTheEvidence() {
        double ninf = Double.NEGATIVE_INFINITY;
        Hmm hmm = new Hmm(new double[] {0, ninf, ninf},
                new double[][] {ln(0.5, 0.5, 1e-300), {ninf, Math.log(0.5), Math.log(0.5)}, {ninf, ninf, 0}});
        double[][] emit = {ln(0.9, 0.05, 0.05), ln(0.9, 0.05, 0.05), ln(0.1, 0.8, 0.1), ln(0.1, 0.1, 0.8)};
        assertArrayEquals(new int[] {0, 0, 1, 2}, hmm.viterbi(emit));
    }
}
