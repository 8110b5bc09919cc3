package org.earshot.speakers.vad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.earshot.metrics.SpeakerSegment;
import org.junit.jupiter.api.Test;

class EnergyVadTest {

    @Test
    void theJavadocsHangover() {
        boolean[] s = EnergyVad.speechFrames(new double[] {-60, -30, -55, -58, -25, -70, -70, -70}, -40, 2);
        assertArrayEquals(new boolean[] {false, true, true, true, true, true, true, false}, s);
        assertArrayEquals(new boolean[] {false, true, false, false, true, false},
                EnergyVad.speechFrames(new double[] {-60, -30, -55, -58, -25, -70}, -40, 0));
    }

    @Test
    void frameLevelsAreMeanSquareInDbfs() {
        double[] square = {1, -1, 1, -1, 1, -1};
        assertArrayEquals(new double[] {0, 0}, EnergyVad.frameEnergiesDb(square, 4, 2), 1e-12);
        assertArrayEquals(new double[] {EnergyVad.FLOOR_DB}, EnergyVad.frameEnergiesDb(new double[4], 4, 4), 1e-12);
        assertEquals(0, EnergyVad.frameEnergiesDb(new double[3], 4, 2).length);
    }

    @Test
    void aToneBetweenSilencesIsOneSegmentExtendedByTheHangover() {
        Audio silence = Audio.mono(new double[16000], 16000);
        Audio tone = Synth.sine(440, 1.0, 16000, 0.5);
        Audio sound = silence.concat(tone).concat(silence);
        VoiceActivity va = EnergyVad.builder().thresholdDb(-40).hangoverMs(200).build().apply(sound);
        List<SpeakerSegment> segments = va.segments();
        assertEquals(1, segments.size(), segments.toString());
        // the first frame reaching into the tone starts at 1.0 s − 25 ms; its stretch begins 7.5 ms later
        assertEquals(0.99, segments.get(0).startSeconds(), 0.011);
        assertEquals(2.0 + 0.2, segments.get(0).endSeconds(), 0.011);
        assertEquals(segments.get(0).durationSeconds(), va.speechSeconds(), 1e-12);
        VoiceActivity none = EnergyVad.builder().hangoverMs(0).build().apply(sound);
        assertEquals(2.0, none.segments().get(0).endSeconds(), 0.011);
    }

    @Test
    void badSettingsAreRefusedWithTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> EnergyVad.builder().hopMs(30).build());
        assertThrows(IllegalArgumentException.class, () -> EnergyVad.builder().hangoverMs(-1).build());
        assertThrows(IllegalArgumentException.class, () -> EnergyVad.speechFrames(new double[1], 0, -1));
    }
}
