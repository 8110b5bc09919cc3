package org.earshot.speakers.diarization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.metrics.SpeakerSegment;
import org.earshot.speakers.embedding.Embedding;
import org.earshot.speakers.embedding.MfccStatistics;
import org.junit.jupiter.api.Test;

class WindowDiarizerTest {

    /** Two "voices": a low and a high tone, 3 s each, alternating, with 0.5 s of silence between. */
    private static Audio twoTones() {
        int rate = 16000;
        double[] hz = {150, 900, 150, 900};
        float[] x = new float[(int) (rate * hz.length * 3.5)];
        for (int turn = 0; turn < hz.length; turn++) {
            int from = (int) (turn * 3.5 * rate);
            for (int i = 0; i < 3 * rate; i++) {
                x[from + i] = (float) (0.3 * Math.sin(2 * Math.PI * hz[turn] * i / rate));
            }
        }
        return Audio.mono(x, rate);
    }

    /** A toy embedding: zero crossings per second, and a constant (standardising removes it). */
    private static Embedding crossings(Audio a) {
        float[] s = a.samples();
        int n = 0;
        for (int i = 1; i < s.length; i++) {
            n += (s[i - 1] < 0) != (s[i] < 0) ? 1 : 0;
        }
        return Embedding.of(new double[] {n / a.durationSeconds(), 1});
    }

    @Test
    void aModelEmbedsEachWindowAndTheClustersAlternateWithTheVoices() {
        WindowDiarizer d = WindowDiarizer.builder().embedder(WindowDiarizerTest::crossings)
                .clustering(AgglomerativeClustering.builder().clusters(2).build()).build();
        Diarization found = d.apply(twoTones());
        assertEquals(2, found.speakerCount());
        List<SpeakerSegment> turns = found.turns();
        assertEquals(4, turns.size(), turns.toString());
        assertEquals(turns.get(0).speaker(), turns.get(2).speaker());
        assertEquals(turns.get(1).speaker(), turns.get(3).speaker());
        assertTrue(!turns.get(0).speaker().equals(turns.get(1).speaker()));
        assertTrue(d.toString().contains("WindowDiarizer"));
    }

    @Test
    void bicMergingTurnsTooManyClustersIntoTheTwoVoices() {
        Audio tones = twoTones();
        float[] x = tones.samples();
        java.util.Random noise = new java.util.Random(214);
        for (int i = 0; i < x.length; i++) {
            x[i] += x[i] != 0 ? (float) (0.02 * noise.nextGaussian()) : 0; // each voice a little breathy
        }
        Audio breathy = Audio.mono(x, tones.sampleRate());
        WindowDiarizer.Builder b = WindowDiarizer.builder().features(MfccStatistics.of(16000, 20))
                .clustering(AgglomerativeClustering.builder().clusters(6).build());
        assertEquals(6, b.build().apply(breathy).speakerCount());
        WindowDiarizer d = b.merging(BicMerging.withPenalty(3.5)).build();
        Diarization found = d.apply(breathy);
        assertEquals(2, found.speakerCount(), found.toString());
        List<SpeakerSegment> turns = found.turns();
        assertEquals(4, turns.size(), turns.toString());
        assertEquals(turns.get(0).speaker(), turns.get(2).speaker());
        assertTrue(!turns.get(0).speaker().equals(turns.get(1).speaker()));
        assertTrue(d.toString().contains("BicMerging"), d.toString());
    }

    @Test
    void needsAnEmbeddingAndAClustering() {
        assertThrows(IllegalArgumentException.class, () -> WindowDiarizer.builder()
                .clustering(AgglomerativeClustering.builder().clusters(2).build()).build());
    }
}
