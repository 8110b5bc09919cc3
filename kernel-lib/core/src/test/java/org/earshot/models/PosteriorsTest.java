package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.audio.Framing;
import org.earshot.display.Heatmap;
import org.earshot.display.MimeBundle;
import org.junit.jupiter.api.Test;

/** Frame times derived from the front end and the stride, and posteriors that carry them to their picture. */
class PosteriorsTest {

    /** The kit's log-mel: n_fft 400, hop 160 at 16 kHz, centred. */
    private static final FrameAxis LOG_MEL = FrameAxis.of(new Framing(16000, 400, 160, true));

    @Test
    void logSoftmaxIsStableAndNormalised() {
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2)}, Posteriors.logSoftmax(new float[] {1000, 1000}),
                1e-12);
        double[] lp = Posteriors.logSoftmax(new float[] {1, 2, 3});
        assertEquals(1.0, Math.exp(lp[0]) + Math.exp(lp[1]) + Math.exp(lp[2]), 1e-12);
        assertEquals(1.0, lp[2] - lp[1], 1e-12);   // differences of logits survive
    }

    @Test
    void aFramingsAxisAgreesWithItsFrameTimes() {
        for (Framing f : List.of(new Framing(16000, 400, 160, true), new Framing(22050, 2048, 512, false))) {
            assertArrayEquals(f.frameTimes(7), FrameAxis.of(f).times(7), 1e-12, f.toString());
        }
    }

    @Test
    void aStridedModelsFramesAreEveryThirdFrontEndFrame() {
        FrameAxis ctc = LOG_MEL.subsampledBy(3);
        assertEquals(0.03, ctc.periodSeconds(), 1e-12);
        assertArrayEquals(new double[] {0, 0.03, 0.06}, ctc.times(3), 1e-12);
        assertEquals(0.045, ctc.frameStart(2), 1e-12);
        assertEquals(0.075, ctc.frameEnd(2), 1e-12);
        assertEquals(2, ctc.frameAt(0.07));
        assertThrows(IllegalArgumentException.class, () -> LOG_MEL.subsampledBy(0));
    }

    @Test
    void blocksOfSamplesAreCentredInTheBlock() {
        FrameAxis vad = FrameAxis.blocks(1536, 16000);
        assertEquals(0.096, vad.periodSeconds(), 1e-12);
        assertEquals(0.048, vad.time(0), 1e-12);
        assertEquals(0, vad.frameStart(0), 1e-12);
        assertEquals(0.192, vad.frameEnd(1), 1e-12);
    }

    @Test
    void posteriorsKnowTheirTimesLabelsAndBestPath() {
        double[][] lp = {{Math.log(0.7), Math.log(0.2), Math.log(0.1)}, {Math.log(0.1), Math.log(0.1), Math.log(0.8)}};
        Posteriors p = new Posteriors(lp, LOG_MEL.subsampledBy(3), List.of("_", " ", "a"),
                Posteriors.Scale.LOG_PROBABILITY);
        assertEquals(2, p.frames());
        assertEquals(3, p.classes());
        assertArrayEquals(new double[] {0, 0.03}, p.times(), 1e-12);
        assertArrayEquals(new int[] {0, 2}, p.best());
        assertEquals(0.8, p.probabilities()[1][2], 1e-12);
        assertEquals(Math.log(0.8), p.logProbabilities()[1][2], 1e-12);
        lp[0][0] = 0; // copied in
        p.values()[0][0] = 0; // and out
        assertEquals(Math.log(0.7), p.value(0, 0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Posteriors(new double[][] {{0, 0}}, LOG_MEL,
                List.of("_", " ", "a"), Posteriors.Scale.LOG_PROBABILITY));
    }

    @Test
    void theHeatMapIsLabelledInSecondsAndSymbols() {
        double[][] prob = new double[100][3];
        for (double[] row : prob) {
            row[0] = 1;
        }
        Posteriors p = new Posteriors(prob, LOG_MEL.subsampledBy(3), List.of("_", " ", "a"),
                Posteriors.Scale.PROBABILITY);
        Heatmap h = p.heatmap();
        double[] range = h.axisRange();
        assertEquals(-0.015, range[0], 1e-12, "frame 0 spans −15…15 ms");
        assertEquals(2.985, range[1], 1e-12, "frame 99 ends at 2.985 s");
        assertEquals(-0.5, range[2], 1e-12);
        assertEquals(2.5, range[3], 1e-12, "one row per class");
        MimeBundle b = p.toMimeBundle();
        assertTrue(b.get(MimeBundle.PNG).isPresent());
        assertTrue(b.plainText().contains("100 frames × 3 classes, 30 ms a frame"), b.plainText());
        assertTrue(h.toMimeBundle().plainText().contains("Symbol vs Time (s)"), h.toMimeBundle().plainText());
        assertEquals(List.of("_", "␣", "a"), h.yTickLabels(), "the symbols are written on the axis");
        assertTrue(p.heatmapWithBestPath().toPng().length > 0);
        assertTrue(new Posteriors(new double[0][3], LOG_MEL, List.of("_", " ", "a"), Posteriors.Scale.PROBABILITY)
                .heatmap().toPng().length > 0, "no frames: a blank picture");
    }
}
