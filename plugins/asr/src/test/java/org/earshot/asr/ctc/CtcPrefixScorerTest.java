package org.earshot.asr.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The prefix score against the definition: every one of the 3^6 paths of a small model enumerated. */
class CtcPrefixScorerTest {

    static final int FRAMES = 6;
    static final int LABELS = 3; // blank 0, then 1 and 2

    @Test
    void prefixAndWholeProbabilitiesEqualTheSumsOverAllPaths() {
        double[][] lp = randomLogProbs(new Random(4));
        CtcPrefixScorer scorer = new CtcPrefixScorer(lp, 0);
        for (int[] g : List.of(new int[] {}, new int[] {1}, new int[] {2, 2}, new int[] {1, 2}, new int[] {1, 2, 1},
                new int[] {2, 1, 1})) {
            CtcPrefixScorer.State s = scorer.empty();
            for (int label : g) {
                s = scorer.extend(s, label);
            }
            double begins = 0;
            double is = 0;
            for (int[] path : allPaths()) {
                int[] heard = Ctc.collapse(path, 0);
                double p = 1;
                for (int t = 0; t < FRAMES; t++) {
                    p *= Math.exp(lp[t][path[t]]);
                }
                if (startsWith(heard, g)) {
                    begins += p;
                    if (heard.length == g.length) {
                        is += p;
                    }
                }
            }
            assertEquals(Math.log(begins), s.prefix(), 1e-9, java.util.Arrays.toString(g));
            assertEquals(Math.log(is), s.whole(), 1e-9, java.util.Arrays.toString(g));
            if (g.length > 0) {
                assertEquals(-Ctc.loss(lp, g, 0), s.whole(), 1e-9, "the CTC loss of the whole transcript");
            }
        }
    }

    static double[][] randomLogProbs(Random r) {
        double[][] lp = new double[FRAMES][LABELS];
        for (double[] row : lp) {
            double sum = 0;
            for (int k = 0; k < LABELS; k++) {
                row[k] = r.nextDouble() + 0.05;
                sum += row[k];
            }
            for (int k = 0; k < LABELS; k++) {
                row[k] = Math.log(row[k] / sum);
            }
        }
        return lp;
    }

    static List<int[]> allPaths() {
        List<int[]> paths = new ArrayList<>();
        int count = (int) Math.pow(LABELS, FRAMES);
        for (int code = 0; code < count; code++) {
            int[] path = new int[FRAMES];
            int c = code;
            for (int t = 0; t < FRAMES; t++) {
                path[t] = c % LABELS;
                c /= LABELS;
            }
            paths.add(path);
        }
        return paths;
    }

    static boolean startsWith(int[] heard, int[] g) {
        return heard.length >= g.length && java.util.Arrays.equals(heard, 0, g.length, g, 0, g.length);
    }
}
