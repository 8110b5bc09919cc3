package org.earshot.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.earshot.audio.MelScale;
import org.earshot.audio.Spectrogram;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;

class MelTest {

    @Test
    void theLessonsTinyExampleLandsInTheFirstTwoBands() {
        // One 25 ms window of 16 kHz speech-like sound: a 200 Hz pitch plus a 700 Hz formant, and a crude
        // filterbank of 3 mel bands up to 4 kHz: the energy lands in the first two bands, not the third.
        int sr = 16000;
        double[] x = new double[400];
        for (int n = 0; n < x.length; n++) {
            x[n] = Math.sin(2 * Math.PI * 200 * n / sr) + 0.5 * Math.sin(2 * Math.PI * 700 * n / sr);
        }
        Audio frame = Audio.mono(x, sr);
        Stft stft = Stft.builder().nFft(400).hopLength(400).center(false).build();
        MelFilterbank bank = MelFilterbank.create(201, 0, 4000, 3, sr, MelFilterbank.Norm.NONE, MelScale.HTK);
        double[] bands = new double[3];
        Spectrogram mel = bank.apply(stft.power(frame));
        for (int m = 0; m < 3; m++) {
            bands[m] = mel.value(m, 0);
        }
        assertTrue(bands[0] > 100 * bands[2] && bands[1] > 100 * bands[2], java.util.Arrays.toString(bands));
    }

    @Test
    void filtersArePeakOneTrianglesOrUnitArea() {
        MelFilterbank none = MelFilterbank.create(201, 0, 8000, 10, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
        for (double[] filter : none.weights()) {
            double peak = java.util.Arrays.stream(filter).max().orElseThrow();
            assertTrue(peak > 0.5 && peak <= 1.0, "peak " + peak);
        }
        MelFilterbank slaney = MelFilterbank.create(2001, 0, 8000, 10, 16000, MelFilterbank.Norm.SLANEY, MelScale.SLANEY);
        for (double[] filter : slaney.weights()) {
            double area = 0;
            for (double w : filter) {
                area += w * 4.0; // bins are 8000/2000 = 4 Hz apart
            }
            assertEquals(1.0, area, 0.01);
        }
    }

    @Test
    void tooManyMelsLeaveEmptyFilters() {
        assertEquals(0, MelFilterbank.create(201, 0, 8000, 40, 16000, MelFilterbank.Norm.NONE, MelScale.HTK).emptyFilterCount());
        assertTrue(MelFilterbank.create(201, 0, 8000, 128, 16000, MelFilterbank.Norm.NONE, MelScale.HTK).emptyFilterCount() > 0);
    }

    @Test
    void wrongSampleRateIsAClearError() {
        MelSpectrogram mel = MelSpectrogram.builder().sampleRate(16000).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mel.apply(Synth.sine(440, 0.5, 8000, 0.5)));
        assertTrue(e.getMessage().startsWith("wrong sample rate: this mel spectrogram is for 16000 Hz audio, got 8000 Hz"));
    }

    @Test
    void melSpectrogramIsLabelledFromItsFilterbank() {
        Spectrogram m = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(80).build()
                .apply(Synth.sine(1000, 0.5, 16000, 0.5));
        assertEquals(80, m.binCount());
        assertEquals(1 + 8000 / 160, m.frameCount());
        assertEquals("mel", m.frequencyUnit());
        assertEquals(MelScale.HTK, m.melScale().orElseThrow());
        assertEquals(8000.0, m.fMaxHz(), 0);
    }

    @Test
    void orthonormalDctIsOrthogonal() {
        double[][] c = Dct.matrix(8, 8, true);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                double dot = 0;
                for (int n = 0; n < 8; n++) {
                    dot += c[i][n] * c[j][n];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Dct.matrix(41, 40, true));
    }

    @Test
    void deltasOfALineAreItsSlope() {
        double[][] line = {{0, 1, 2, 3, 4, 5, 6}};
        // inside: slope 1; at the edges the repeated frames flatten it (torchaudio's "replicate" padding)
        assertArrayEquals(new double[] {0.5, 0.8, 1, 1, 1, 0.8, 0.5}, Deltas.compute(line, 5)[0], 1e-12);
    }

    @Test
    void someFeaturesKeepTheirNumbers() {
        FeatureFrames all = new FeatureFrames(new double[][] {{-300, 100}, {1, 2}, {3, 4}}, "MFCC", 16000, 160, 400, true);
        FeatureFrames rest = all.features(1, 3);
        org.junit.jupiter.api.Assertions.assertEquals(2, rest.featureCount());
        org.junit.jupiter.api.Assertions.assertEquals(1, rest.firstIndex());
        org.junit.jupiter.api.Assertions.assertEquals(3.0, rest.value(1, 0));
        org.junit.jupiter.api.Assertions.assertEquals(1.0, rest.heatmap().axisRange()[2] + 0.5, 1e-12, "rows numbered from 1");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> all.features(2, 2));
    }

    @Test
    void theBuilderNamesTheFieldsAndMakesTheSameFilterbank() {
        MelFilterbank positional = MelFilterbank.create(201, 0, 8000, 20, 16000, MelFilterbank.Norm.NONE, MelScale.HTK);
        MelFilterbank named = MelFilterbank.builder().nFft(400).sampleRate(16000).nMels(20).build();
        org.junit.jupiter.api.Assertions.assertArrayEquals(positional.weights(), named.weights());
        MelFilterbank slaney = MelFilterbank.builder().nFreqs(257).sampleRate(16000).nMels(40).fMinHz(20).fMaxHz(7600)
                .norm(MelFilterbank.Norm.SLANEY).melScale(MelScale.SLANEY).build();
        org.junit.jupiter.api.Assertions.assertArrayEquals(MelFilterbank.create(257, 20, 7600, 40, 16000,
                MelFilterbank.Norm.SLANEY, MelScale.SLANEY).weights(), slaney.weights());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MelFilterbank.builder().sampleRate(16000).nMels(20).build(), "no nFft");
    }
}
