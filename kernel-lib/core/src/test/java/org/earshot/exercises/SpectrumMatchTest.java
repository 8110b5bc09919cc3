package org.earshot.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;

/** Sound answers: judged by their spectrum, carried across the grader's process boundary, bounded in size. */
class SpectrumMatchTest {

    private final SpectrumMatch match = SpectrumMatch.builder().maxDistanceDb(3).band("the tone", 900, 1100).build();

    @Test
    void theSameToneAtAnotherPhasePassesAndAnotherFrequencyFailsWithBothSpectraShown() throws CaseFailure {
        Audio reference = Synth.sine(1000, 0.1, 16000, 0.5);
        double[] cosine = new double[reference.frameCount()];
        for (int n = 0; n < cosine.length; n++) {
            cosine[n] = 0.5 * Math.cos(2 * Math.PI * 1000 * n / 16000);
        }
        match.judge(reference, Audio.mono(cosine, 16000), "");
        CaseFailure wrong = assertThrows(CaseFailure.class,
                () -> match.judge(reference, Synth.sine(1500, 0.1, 16000, 0.5), ""));
        assertTrue(wrong.got().contains("log-spectral distance") && wrong.got().contains("the tone"), wrong.got());
        assertTrue(wrong.detailHtml().contains("<img") && wrong.detailHtml().split("<audio").length == 3,
                "a plot and two players");
    }

    @Test
    void aQuieterToneFailsItsBandByTheLevelDifference() {
        Audio reference = Synth.sine(1000, 0.1, 16000, 0.5);
        CaseFailure f = assertThrows(CaseFailure.class,
                () -> match.judge(reference, Synth.sine(1000, 0.1, 16000, 0.25), ""));
        assertTrue(f.got().contains("the tone: "), f.got());
        double distance = SpectrumMatch.logSpectralDistanceDb(SpectrumMatch.spectrum(reference),
                SpectrumMatch.spectrum(Synth.sine(1000, 0.1, 16000, 0.25)), 60);
        assertTrue(Math.abs(distance - 6.02) < 0.5, "half the amplitude is 6 dB everywhere it sounds: " + distance);
    }

    @Test
    void rateLengthAndTypeAreCheckedFirst() {
        Audio reference = Synth.sine(1000, 0.1, 16000, 0.5);
        CaseFailure rate = assertThrows(CaseFailure.class,
                () -> match.judge(reference, Synth.sine(1000, 0.1, 8000, 0.5), ""));
        assertEquals("1600 samples at 16000 Hz (0.1000 s)", rate.expected());
        CaseFailure type = assertThrows(CaseFailure.class, () -> match.judge(reference, new double[3], ""));
        assertEquals("a sound (an Audio)", type.expected());
    }

    @Test
    void aSoundCrossesTheProcessBoundaryAndAHugeOneDoesNot() {
        Audio tone = Synth.sine(440, 0.01, 8000, 0.5);
        Object back = AnswerCodec.decode(AnswerCodec.encode(tone));
        Audio decoded = assertInstanceOf(Audio.class, back);
        assertEquals(8000, decoded.sampleRate());
        assertEquals(tone.frameCount(), decoded.frameCount());
        assertEquals(tone.samples()[7], decoded.samples()[7], 0);
        Audio huge = Audio.mono(new float[AnswerCodec.MAX_AUDIO_SAMPLES + 1], 48000);
        assertTrue(AnswerCodec.decode(AnswerCodec.encode(huge)).toString().contains("at most"));
        var forged = AnswerCodec.encode(tone).put("sampleRate", -5);
        assertInstanceOf(AnswerCodec.Opaque.class, AnswerCodec.decode(forged));
    }
}
