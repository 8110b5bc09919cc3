package org.earshot.tts.vocoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;

class MarkovSampleModelTest {

    private static final double[] FIRST = {0.5, 0.5};
    private static final double[][] NEXT = {{0.9, 0.1}, {0.3, 0.7}};

    @Test
    void theLikelihoodIsTheProductOfOneStepPredictions() {
        MarkovSampleModel model = MarkovSampleModel.of(FIRST, NEXT);
        // p(0 0 1) = p(0) · p(0 | 0) · p(1 | 0) = 0.5 · 0.9 · 0.1 = 0.045
        assertEquals(Math.log(0.045), model.logLikelihood(new int[] {0, 0, 1}), 1e-12);
        assertEquals(Math.log(0.5), model.logLikelihood(new int[] {1}), 1e-12);
        // p(0 1 1 1 0) = 0.5 · 0.1 · 0.7 · 0.7 · 0.3
        assertEquals(Math.log(0.5 * 0.1 * 0.7 * 0.7 * 0.3), model.logLikelihood(new int[] {0, 1, 1, 1, 0}), 1e-12);
    }

    @Test
    void fittingCountsClassPairsWithSmoothing() {
        MuLaw q16 = new MuLaw(16);
        float[] x = {0f, 0f, 0.5f, 0f};   // classes 8 8 13 8: pairs (8,8), (8,13), (13,8)
        assertArrayEquals(new int[] {8, 8, 13, 8}, q16.encode(x));
        MarkovSampleModel model = MarkovSampleModel.fit(Audio.mono(x, 16000), q16, 1);
        assertEquals(2.0 / (2 + 16), model.next(8)[8], 1e-12);
        assertEquals(2.0 / (2 + 16), model.next(8)[13], 1e-12);
        assertEquals(1.0 / (2 + 16), model.next(8)[0], 1e-12);
        assertEquals(2.0 / (1 + 16), model.next(13)[8], 1e-12);
        assertEquals(1.0 / 16, model.next(3)[3], 1e-12);   // a class never seen: uniform
        assertEquals(4.0 / (4 + 16), model.first()[8], 1e-12);
    }

    @Test
    void aToneIsCheaperThanUniformAndGenerationIsRepeatable() {
        MuLaw muLaw = MuLaw.wavenet();
        Audio tone = Synth.sine(220, 1.0, 16000, 0.5);
        MarkovSampleModel model = MarkovSampleModel.fit(tone, muLaw, 0.1);
        double bits = model.bitsPerSample(tone);
        assertTrue(bits < 4, "a smooth tone: " + bits + " bits per sample, uniform is 8");
        Audio a = model.generate(4000, 16000, 3);
        assertEquals(a, model.generate(4000, 16000, 3));
        assertEquals(4000, a.frameCount());
        assertTrue(a.peak() <= 1);
    }

    @Test
    void aTableThatIsNoDistributionIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkovSampleModel.of(FIRST, new double[][] {{0.9, 0.1}, {0.3, 0.6}}));
        assertEquals("next[1] sums to 0.8999999999999999, not 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MarkovSampleModel.of(FIRST, NEXT).logLikelihood(new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> MarkovSampleModel.of(FIRST, NEXT).logLikelihood(new int[0]));
    }
}
