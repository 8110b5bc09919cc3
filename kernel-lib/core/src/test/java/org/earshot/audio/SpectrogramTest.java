package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpectrogramTest {

    static Spectrogram linear(int sampleRate, int nFft, int hop, int frames) {
        return Spectrogram.linear(new double[nFft / 2 + 1][frames], Spectrogram.Amplitude.POWER, sampleRate, nFft, hop, true);
    }

    @Test
    void axesComeFromTheValue() {
        Spectrogram s8 = linear(8000, 256, 80, 3);
        Spectrogram s16 = linear(16000, 256, 80, 3);
        assertEquals(4000.0, s8.frequencies()[128], 1e-9);
        assertEquals(8000.0, s16.frequencies()[128], 1e-9);
        assertArrayEquals(new double[] {0, 0.01, 0.02}, s8.times(), 1e-12);
        assertArrayEquals(new double[] {0, 0.005, 0.01}, s16.times(), 1e-12);
        assertEquals("Hz", s8.frequencyUnit());
    }

    @Test
    void uncenteredFramesAreCentredHalfAWindowIn() {
        Spectrogram s = Spectrogram.linear(new double[201][2], Spectrogram.Amplitude.POWER, 16000, 400, 160, false);
        assertArrayEquals(new double[] {200 / 16000.0, 360 / 16000.0}, s.times(), 1e-12);
    }

    @Test
    void melBandCentresAreEvenlySpacedInMel() {
        Spectrogram m = Spectrogram.mel(new double[3][1], Spectrogram.Amplitude.POWER, 16000, 400, 160, true,
                MelScale.HTK, 0, 8000);
        double top = MelScale.HTK.hzToMel(8000);
        assertArrayEquals(new double[] {top / 4, top / 2, 3 * top / 4}, m.frequencies(), 1e-9);
        assertEquals("mel", m.frequencyUnit());
        assertEquals(MelScale.HTK.melToHz(top / 2), m.frequenciesHz()[1], 1e-9);
    }

    @Test
    void decibelsOfPowerAndMagnitude() {
        double[][] v = {{1, 100, 0}};
        Spectrogram p = Spectrogram.mel(v, Spectrogram.Amplitude.POWER, 8000, 64, 16, true, MelScale.HTK, 0, 4000);
        assertArrayEquals(new double[] {0, 20, -100}, p.toDecibels().values()[0], 1e-12);
        Spectrogram mag = p.withValues(v, Spectrogram.Amplitude.MAGNITUDE);
        assertArrayEquals(new double[] {0, 40, -200}, mag.toDecibels().values()[0], 1e-12);
    }

    @Test
    void topDbFloorsEverythingThatFarBelowTheMaximum() {
        double[][] v = {{1, 1e-3, 1e-12}};
        Spectrogram p = Spectrogram.mel(v, Spectrogram.Amplitude.POWER, 8000, 64, 16, true, MelScale.HTK, 0, 4000);
        assertArrayEquals(new double[] {0, -30, -80}, p.toDecibels(80).values()[0], 1e-12);
        assertArrayEquals(new double[] {0, -30, -100}, p.toDecibels().values()[0], 1e-12);
    }

    @Test
    void rejectsAShapeThatDoesNotFitNFft() {
        assertThrows(IllegalArgumentException.class, () -> linear(8000, 256, 80, 3).withValues(new double[2][3],
                Spectrogram.Amplitude.POWER));
        assertThrows(IllegalArgumentException.class, () -> Spectrogram.linear(new double[10][2],
                Spectrogram.Amplitude.POWER, 8000, 256, 80, true));
    }
}
