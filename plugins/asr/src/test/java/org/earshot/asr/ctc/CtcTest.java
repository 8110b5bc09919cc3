package org.earshot.asr.ctc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

class CtcTest {

    @Test
    void theSeedsCatExample() {
        assertEquals("CAT", Ctc.collapse("CCA_TT", '_'));
        assertEquals("CAT", Ctc.collapse("C_AAT_", '_'));
        assertEquals("CAT", Ctc.collapse("_CA__T", '_'));
        assertEquals("LL", Ctc.collapse("L_L", '_'));
        assertEquals("L", Ctc.collapse("LL", '_'));
        assertArrayEquals(new int[] {3, 1, 20}, Ctc.collapse(new int[] {3, 3, 1, 0, 20, 20}, 0));
    }

    @Test
    void countingAlignmentsByFormulaEqualsBruteForce() {
        int[][] targets = {{1}, {1, 2}, {1, 1}, {1, 2, 1}, {2, 2, 2}};
        for (int[] target : targets) {
            for (int frames = target.length; frames <= 7; frames++) {
                long brute = Ctc.countAlignmentsBruteForce(target, frames, 3, 0);
                assertEquals(brute, Ctc.countAlignments(target, frames), 0,
                        java.util.Arrays.toString(target) + " in " + frames + " frames");
            }
        }
        // CAT in 6 frames: with no repeated neighbours there are C(T + L, 2L) = C(9, 6) = 84 paths
        assertEquals(84, Ctc.countAlignments(new int[] {1, 2, 3}, 6), 0);
        assertEquals(84, Ctc.countAlignmentsBruteForce(new int[] {1, 2, 3}, 6, 4, 0));
        assertEquals(1, Ctc.countAlignments(new int[] {1, 2, 3}, 3), 0);
        assertEquals(0, Ctc.countAlignments(new int[] {1, 1}, 1), 0); // LL needs L _ L: 3 frames
    }

    @Test
    void probabilityByBruteForceEqualsTheForwardAlgorithm() {
        java.util.Random random = new java.util.Random(21);
        int[][] targets = {{1}, {1, 2}, {1, 1}, {2, 1, 2}};
        for (int[] target : targets) {
            for (int frames = 1; frames <= 6; frames++) {
                double[][] lp = randomLogProbs(random, frames, 3);
                double brute = Ctc.probabilityBruteForce(lp, target, 0);
                double forward = Math.exp(-Ctc.loss(lp, target, 0));
                assertEquals(forward, brute, 1e-12 * Math.max(1, forward),
                        java.util.Arrays.toString(target) + " in " + frames + " frames");
            }
        }
        assertEquals(0, Ctc.probabilityBruteForce(randomLogProbs(random, 2, 3), new int[] {1, 1}, 0));
        // the Javadoc's example: P("a") over 2 frames with p(a) = 0.6, 0.3
        double[][] two = {{Math.log(0.4), Math.log(0.6)}, {Math.log(0.7), Math.log(0.3)}};
        assertEquals(0.72, Ctc.probabilityBruteForce(two, new int[] {1}, 0), 1e-12);
    }

    private static double[][] randomLogProbs(java.util.Random random, int frames, int classes) {
        double[][] lp = new double[frames][classes];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                lp[t][k] = random.nextDouble() + 0.01;
                sum += lp[t][k];
            }
            for (int k = 0; k < classes; k++) {
                lp[t][k] = Math.log(lp[t][k] / sum);
            }
        }
        return lp;
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[node.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = node.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    static int[] ints(JsonNode node) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asInt();
        }
        return a;
    }

    @Test
    void lossAndGradientEqualPyTorchs() throws IOException {
        JsonNode fixtures = new ObjectMapper().readTree(Kit.home().resolve("data/fixtures/asr/ctc-fixtures.json").toFile());
        for (JsonNode c : fixtures.get("cases")) {
            double[][] logProbs = matrix(c.get("log_probs"));
            int[] target = ints(c.get("target"));
            int blank = c.get("blank").asInt();
            double loss = Ctc.loss(logProbs, target, blank);
            double[][] grad = Ctc.gradientWrtLogits(logProbs, target, blank);
            double[][] expected = matrix(c.get("grad_logits"));
            double worst = 0;
            for (int t = 0; t < grad.length; t++) {
                for (int k = 0; k < grad[t].length; k++) {
                    worst = Math.max(worst, Math.abs(grad[t][k] - expected[t][k]));
                }
            }
            System.out.printf(Locale.ROOT, "ctc %s: loss %.12f (torch %.12f), max |Δ grad| %.2e%n", c.get("name").asText(),
                    loss, c.get("loss").asDouble(), worst);
            assertEquals(c.get("loss").asDouble(), loss, 1e-4, c.get("name").asText());
            assertTrue(worst <= 1e-4, c.get("name").asText() + ": gradient off by " + worst);
        }
    }

    @Test
    void gradientWrtLogProbsIsTheDerivativeByFiniteDifferences() {
        double[][] lp = {{-1.2, -0.9, -1.3}, {-0.7, -1.5, -1.2}, {-1.1, -1.0, -1.2}, {-1.4, -0.6, -1.5}};
        int[] target = {1, 2};
        double[][] g = Ctc.forwardBackward(lp, target, 0).gradientWrtLogProbs();
        double h = 1e-6;
        for (int t = 0; t < lp.length; t++) {
            for (int k = 0; k < 3; k++) {
                double saved = lp[t][k];
                lp[t][k] = saved + h;
                double up = Ctc.loss(lp, target, 0);
                lp[t][k] = saved - h;
                double down = Ctc.loss(lp, target, 0);
                lp[t][k] = saved;
                assertEquals((up - down) / (2 * h), g[t][k], 1e-6, "t " + t + ", k " + k);
            }
        }
    }

    @Test
    void bestAlignmentIsTheMostLikelySinglePath() {
        double[][] lp = CtcDecoderTest.logs(new double[][] {
                {0.1, 0.8, 0.1}, {0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}, {0.2, 0.1, 0.7}, {0.8, 0.1, 0.1}});
        int[] states = Ctc.bestAlignment(lp, new int[] {1, 2}, 0);
        assertArrayEquals(new int[] {1, 2, 3, 3, 4}, states); // a _ b b _
        int[] ext = Ctc.extend(new int[] {1, 2}, 0);
        int[] path = java.util.Arrays.stream(states).map(s -> ext[s]).toArray();
        assertArrayEquals(new int[] {1, 2}, Ctc.collapse(path, 0));
        // exhaustive: no path collapsing to "ab" is more likely
        double pathLogP = 0;
        for (int t = 0; t < 5; t++) {
            pathLogP += lp[t][path[t]];
        }
        for (int code = 0; code < 243; code++) {
            int[] other = new int[5];
            double logP = 0;
            for (int t = 0, c = code; t < 5; t++, c /= 3) {
                other[t] = c % 3;
                logP += lp[t][other[t]];
            }
            if (java.util.Arrays.equals(Ctc.collapse(other, 0), new int[] {1, 2})) {
                assertTrue(logP <= pathLogP + 1e-12);
            }
        }
        assertEquals(5, Ctc.bestAlignment(lp, new int[] {1, 1, 1}, 0).length, "aaa fits 5 frames exactly: a _ a _ a");
        assertEquals(0, Ctc.bestAlignment(lp, new int[] {1, 1, 1, 1}, 0).length, "aaaa needs 7 frames");
    }

    @Test
    void trellisRenders() {
        double[][] lp = CtcDecoderTest.logs(new double[][] {{0.1, 0.8, 0.1}, {0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}});
        var bundle = new CtcTrellis(lp, new int[] {1, 2}, new CtcAlphabet("_ab", 0)).toMimeBundle();
        assertTrue(bundle.get("image/png").isPresent());
        assertEquals("CtcTrellis[\"ab\", 3 frames, 5 states]", bundle.plainText());
    }

    @Test
    void tooFewFramesIsInfinitelyUnlikely() {
        double[][] lp = {{-1, -1, -1}, {-1, -1, -1}};
        assertEquals(Double.POSITIVE_INFINITY, Ctc.loss(lp, new int[] {1, 1}, 0));
    }
}
