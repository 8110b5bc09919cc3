package org.earshot.tts.vocoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.junit.jupiter.api.Test;

/** The source-filter vocoder on a vowel whose pitch is known, and its two controls. */
class SourceFilterVocoderTest {

    /** 1 s of a 120 Hz pulse train through two resonances (about 700 Hz and 1200 Hz): a synthetic vowel. */
    private static Audio vowel() {
        int fs = 16000;
        Lpc tract = new Lpc(new double[] {1, -2 * 0.97 * Math.cos(2 * Math.PI * 700 / fs), 0.97 * 0.97}, 1);
        Lpc second = new Lpc(new double[] {1, -2 * 0.95 * Math.cos(2 * Math.PI * 1200 / fs), 0.95 * 0.95}, 1);
        double[] e = new double[fs];
        for (double t = 0; t < fs; t += fs / 120.0) {
            e[(int) t] = 1;
        }
        double[] y = second.synthesize(tract.synthesize(e, new double[2]), new double[2]);
        double peak = java.util.Arrays.stream(y).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < y.length; i++) {
            y[i] *= 0.5 / peak;
        }
        return Audio.mono(y, fs);
    }

    @Test
    void theAnalysisFindsTheVowelsPitchAndTheControlsMoveIt() {
        SourceFilterVocoder vocoder = SourceFilterVocoder.builder().build();
        Audio vowel = vowel();
        SourceFilterVocoder.Analysis a = vocoder.analyse(vowel);
        assertEquals(100, a.frames().size());   // a frame centred every 10 ms from 0
        assertEquals(120, a.medianF0Hz(), 1.5);
        long voiced = a.frames().stream().filter(SourceFilterVocoder.Frame::voiced).count();
        assertTrue(voiced > 90, voiced + " of 100 frames voiced");

        Audio same = vocoder.synthesize(a, 1, 1, 1);
        assertEquals(vowel.durationSeconds(), same.durationSeconds(), 0.011);
        assertEquals(120, vocoder.analyse(same).medianF0Hz(), 2);

        Audio higher = vocoder.synthesize(a, 1.5, 1, 1);
        assertEquals(180, vocoder.analyse(higher).medianF0Hz(), 4);
        assertEquals(vowel.durationSeconds(), higher.durationSeconds(), 0.011);

        Audio faster = vocoder.synthesize(a, 1, 2, 1);
        assertEquals(vowel.durationSeconds() / 2, faster.durationSeconds(), 0.011);
        assertEquals(120, vocoder.analyse(faster).medianF0Hz(), 3);
        // the envelope's level survives: the resynthesis is as loud as the vowel within 3 dB
        assertEquals(vowel.rmsDbfs(), same.rmsDbfs(), 3);
    }

    @Test
    void silenceIsUnvoicedAndBadSettingsAreRefused() {
        SourceFilterVocoder vocoder = SourceFilterVocoder.builder().build();
        SourceFilterVocoder.Analysis quiet = vocoder.analyse(Audio.mono(new float[8000], 16000));
        assertTrue(quiet.frames().stream().noneMatch(SourceFilterVocoder.Frame::voiced));
        assertTrue(Double.isNaN(quiet.medianF0Hz()));
        assertThrows(IllegalArgumentException.class, () -> vocoder.synthesize(quiet, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SourceFilterVocoder.builder().f0RangeHz(300, 100).build());
    }
}
