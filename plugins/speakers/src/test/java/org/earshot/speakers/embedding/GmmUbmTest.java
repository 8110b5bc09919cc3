package org.earshot.speakers.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.earshot.audio.Audio;
import org.earshot.models.Gmm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmUbmTest {

    /** Two components in 19 dimensions, far apart on the first: each frame belongs wholly to one. */
    private static GmmUbm twoComponents(double relevance) {
        double[][] means = new double[2][19];
        means[0][0] = -10;
        means[1][0] = 10;
        double[][] vars = new double[2][19];
        for (double[] v : vars) {
            java.util.Arrays.fill(v, 4);
        }
        return new GmmUbm(16000, 20, relevance, new double[] {0.25, 0.75}, means, vars);
    }

    @Test
    void mapAdaptationMovesAVisitedMeanByNOverNPlusR() {
        GmmUbm ubm = twoComponents(16);
        double[][] frames = new double[48][19];
        for (double[] x : frames) {
            x[0] = 10;
            x[1] = 2; // the data's mean in dimension 1 is 2, the UBM's 0
        }
        Gmm adapted = ubm.adapt(frames);
        double alpha = 48.0 / (48 + 16);
        assertEquals(alpha * 2, adapted.means()[1][1], 1e-9);
        assertEquals(10, adapted.means()[1][0], 1e-9);
        assertEquals(0, adapted.means()[0][1], 1e-9, "an unvisited component keeps the UBM's mean");
        assertArrayEquals(ubm.weights(), adapted.weights(), 1e-15);
        assertArrayEquals(ubm.variances()[1], adapted.variances()[1], 1e-15);
        // supervector: √w (μ̂ − μ)/σ, only dimension 1 of component 1 moved
        Embedding s = ubm.supervector(frames);
        assertEquals(2 * 19, s.dimension());
        assertEquals(1.0, s.values()[19 + 1], 1e-9);
        assertTrue(ubm.logLikelihoodRatio(adapted, frames) > 0, "the speaker's own frames favour its model");
    }

    @Test
    void aLargerRelevanceTrustsTheUbmMore() {
        double[][] frames = new double[10][19];
        for (double[] x : frames) {
            x[0] = 10;
            x[1] = 2;
        }
        double loose = twoComponents(1).adapt(frames).means()[1][1];
        double strict = twoComponents(1000).adapt(frames).means()[1][1];
        assertEquals(2 * 10.0 / 11, loose, 1e-9);
        assertEquals(2 * 10.0 / 1010, strict, 1e-9);
    }

    @Test
    void framesDropSilenceAndSubtractTheCepstralMean() {
        int rate = 16000;
        float[] samples = new float[rate];
        Random r = new Random(1);
        for (int i = 0; i < rate / 2; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / rate) + 0.05 * r.nextGaussian());
        }
        for (int i = rate / 2; i < rate; i++) {
            samples[i] = (float) (1e-5 * r.nextGaussian()); // 90 dB below: silence
        }
        GmmUbm ubm = twoComponents(16);
        double[][] f = ubm.frames(Audio.mono(samples, rate));
        assertTrue(f.length > 45 && f.length < 56, "about the 50 frames of the tone, got " + f.length);
        double mean = 0;
        for (double[] x : f) {
            mean += x[3] / f.length;
        }
        assertEquals(0, mean, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ubm.frames(Audio.mono(samples, 8000)));
    }

    @Test
    void trainsByEmFromSplitsAndRoundTripsAsJson(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        List<double[][]> clips = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            double[][] clip = new double[100][19];
            for (double[] x : clip) {
                for (int d = 0; d < 19; d++) {
                    x[d] = r.nextGaussian() + (c % 2 == 0 ? 3 : -3);
                }
            }
            clips.add(clip);
        }
        double[][] frames = GmmUbm.subsample(clips, 2, 21);
        assertEquals(1000, frames.length);
        int[] steps = new int[1];
        GmmUbm ubm = GmmUbm.train(16000, 20, 2, 16, frames, 3, s -> steps[0] = s);
        assertEquals(9, steps[0]);
        double[] firstDims = {ubm.means()[0][0], ubm.means()[1][0]};
        java.util.Arrays.sort(firstDims);
        assertEquals(-3, firstDims[0], 0.2);
        assertEquals(3, firstDims[1], 0.2);
        ubm.write(dir.resolve("model.json"));
        assertEquals(ubm, GmmUbm.read(dir.resolve("model.json")));
        Files.writeString(dir.resolve("bad.json"), "{}");
        assertTrue(assertThrows(java.io.IOException.class, () -> GmmUbm.read(dir.resolve("bad.json"))).getMessage()
                .startsWith(dir.resolve("bad.json") + ": not a GMM-UBM"));
        assertThrows(IllegalArgumentException.class, () -> GmmUbm.train(16000, 20, 3, 16, frames, 1, s -> { }));
    }
}
