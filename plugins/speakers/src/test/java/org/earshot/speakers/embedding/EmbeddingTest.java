package org.earshot.speakers.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    @Test
    void theChaptersWorkedExampleAcceptsTheUserAndRejectsTheImpostorAtPointSeven() {
        double[] enrolled = {0.9, 0.1, 0.4};
        double user = Embedding.cosineSimilarity(enrolled, new double[] {0.8, 0.2, 0.5});
        double impostor = Embedding.cosineSimilarity(enrolled, new double[] {0.1, 0.9, 0.2});
        assertEquals(0.94 / Math.sqrt(0.98 * 0.93), user, 1e-12);
        assertEquals(0.98, Math.round(user * 100) / 100.0, 0);
        assertEquals(0.28, Math.round(impostor * 100) / 100.0, 0);
        assertTrue(user >= 0.7 && impostor < 0.7);
        assertEquals(user, Embedding.of(enrolled).cosine(Embedding.of(new double[] {0.8, 0.2, 0.5})), 1e-12);
    }

    @Test
    void lengthIsIgnoredAndTheStoredVectorIsUnitNorm() {
        Embedding e = Embedding.of(new double[] {3, 4});
        assertEquals(0.6, e.values()[0], 1e-15);
        assertEquals(0.8, e.values()[1], 1e-15);
        assertEquals(1, Embedding.cosineSimilarity(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
        assertEquals(-1, Embedding.cosineSimilarity(new double[] {1, -1}, new double[] {-3, 3}), 1e-15);
        assertEquals(0, Embedding.of(new double[] {1, 0}).cosineDistance(Embedding.of(new double[] {5, 0})), 1e-15);
    }

    @Test
    void theMeanOfClipsIsRenormalised() {
        Embedding m = Embedding.mean(List.of(Embedding.of(new double[] {1, 0}), Embedding.of(new double[] {0, 1})));
        assertEquals(Math.sqrt(0.5), m.values()[0], 1e-15);
        assertEquals(Math.sqrt(0.5), m.values()[1], 1e-15);
    }

    @Test
    void vectorsWithoutADirectionOrOfOtherLengthsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Embedding.of(new double[] {0, 0}))
                .getMessage().contains("all zeros"));
        assertThrows(IllegalArgumentException.class, () -> Embedding.of(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Embedding.cosineSimilarity(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> Embedding.of(new double[] {1}).cosine(Embedding.of(new double[] {1, 2})));
    }

    @Test
    void theDisplayShowsDimensionAndAStrip() {
        var bundle = Embedding.of(new double[] {0.9, 0.1, 0.4}).toMimeBundle();
        assertTrue(bundle.plainText().startsWith("Embedding[3 dims: 0.909, 0.101, 0.404]"), bundle.plainText());
        assertTrue(bundle.get("text/html").orElseThrow().contains("3 dimensions, unit norm"));
    }

    @Test
    void mfccStatisticsIgnoreLoudnessAndSeparateDifferentSounds() {
        MfccStatistics stats = MfccStatistics.of(16000, 20);
        Audio low = Synth.sine(220, 1.0, 16000, 0.3);
        double[] a = stats.statistics(low);
        double[] louder = stats.statistics(low.gain(12));
        assertEquals(38, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], louder[i], 1e-4, "c0 is dropped, so a gain changes nothing (dimension " + i + ")");
        }
        List<Embedding> z = MfccStatistics.standardize(List.of(a, stats.statistics(Synth.sine(1800, 1.0, 16000, 0.3)),
                stats.statistics(Synth.sine(230, 1.0, 16000, 0.3))));
        assertTrue(z.get(0).cosine(z.get(2)) > z.get(0).cosine(z.get(1)));
    }
}
